package io.github.bertdistill.eval.footprint;

import java.util.OptionalLong;

/**
 * Resident memory around one model's loading and inference (all process-wide, see {@link
 * MemoryProbe}).
 *
 * @param afterLoadBytes {@code VmRSS} right after the model was loaded
 * @param loadDeltaBytes {@code VmRSS} after loading minus before: what loading added
 * @param peakBytes {@code VmHWM} after the model classified the whole test set
 * @param peakWasReset whether the high-water mark was reset just before loading; if not, the peak
 *     may come from an earlier model
 */
public record MemoryUsage(
        OptionalLong afterLoadBytes,
        OptionalLong loadDeltaBytes,
        OptionalLong peakBytes,
        boolean peakWasReset) {}
