package io.github.bertdistill.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Seeded shuffles and stratified train/held-out splits of a {@link TextDataset}.
 *
 * <p><b>Determinism.</b> Every shuffle here is {@link Collections#shuffle(List, Random)} driven by
 * a {@link Random} built from a seed. Java SE specifies both algorithms exactly (the linear
 * congruential generator of {@code Random} and the backwards swap of {@code Collections.shuffle}),
 * so the same dataset, in the same order, with the same seed gives the same result on every JVM and
 * Java version. The input order matters: reorder the input and the output changes.
 *
 * <p><b>Stratification.</b> {@link #stratified} splits each class on its own, so every class is
 * held out in (almost exactly) the requested proportion, however imbalanced the dataset is.
 */
public final class Splits {
    private Splits() {}

    /**
     * The same examples in an order determined by {@code seed}, under the same name.
     *
     * <p>The order is {@code Collections.shuffle(copy, new Random(seed))} of the examples.
     */
    public static TextDataset shuffle(TextDataset dataset, long seed) {
        return dataset.derive(dataset.name(), shuffled(dataset.examples(), seed));
    }

    /**
     * Splits {@code dataset} into a training part and a held-out part, class by class.
     *
     * <p>The strata are the labels in {@link LabelSet#inferFrom} order, then, if there are any, the
     * unlabelled examples as one more stratum. Each stratum of size {@code n} is shuffled with a
     * seed derived from {@code seed} and the stratum's label, and its first {@code
     * Math.round(heldOutFraction * n)} examples are held out; the rest are kept for training. A
     * stratum's shuffle therefore does not depend on which other classes exist. Finally each side
     * is {@linkplain #shuffle shuffled} with {@code seed}, so that classes are interleaved rather
     * than grouped.
     *
     * <p>Every example ends up in exactly one side. With tiny strata a side may be empty (a stratum
     * of one example at a fraction of 0.5 or more is held out entirely, because {@code Math.round}
     * rounds halves up).
     *
     * @param heldOutFraction the share of each stratum to hold out, strictly between 0 and 1
     * @return the parts named {@code <name>/train} and {@code <name>/held-out}
     * @throws IllegalArgumentException if {@code heldOutFraction} is not in (0, 1)
     */
    public static Split stratified(TextDataset dataset, double heldOutFraction, long seed) {
        checkArgument(
                heldOutFraction > 0 && heldOutFraction < 1,
                "held-out fraction must be strictly between 0 and 1, got %s",
                heldOutFraction);
        List<TextExample> train = new ArrayList<>();
        List<TextExample> heldOut = new ArrayList<>();
        for (Map.Entry<Optional<String>, List<TextExample>> stratum : strata(dataset).entrySet()) {
            List<TextExample> members =
                    shuffled(stratum.getValue(), stratumSeed(seed, stratum.getKey()));
            int heldOutCount = (int) Math.round(heldOutFraction * members.size());
            heldOut.addAll(members.subList(0, heldOutCount));
            train.addAll(members.subList(heldOutCount, members.size()));
        }
        return new Split(
                dataset.derive(dataset.name() + "/train", shuffled(train, seed)),
                dataset.derive(dataset.name() + "/held-out", shuffled(heldOut, seed)));
    }

    /** The examples grouped by label (empty for unlabelled), in stratum order. */
    private static Map<Optional<String>, List<TextExample>> strata(TextDataset dataset) {
        Map<Optional<String>, List<TextExample>> groups =
                dataset.examples().stream().collect(Collectors.groupingBy(TextExample::label));
        List<String> labels = groups.keySet().stream().flatMap(Optional::stream).toList();
        Map<Optional<String>, List<TextExample>> ordered = new LinkedHashMap<>();
        if (!labels.isEmpty()) {
            for (String label : LabelSet.inferFrom(labels).names()) {
                ordered.put(Optional.of(label), groups.get(Optional.of(label)));
            }
        }
        List<TextExample> unlabelled = groups.get(Optional.<String>empty());
        if (unlabelled != null) {
            ordered.put(Optional.empty(), unlabelled);
        }
        return ordered;
    }

    /** A seed for one stratum: the first 8 bytes of SHA-256 over the seed and the label. */
    private static long stratumSeed(long seed, Optional<String> label) {
        Hasher hasher = Hashing.sha256().newHasher().putLong(seed).putBoolean(label.isPresent());
        label.ifPresent(name -> hasher.putString(name, StandardCharsets.UTF_8));
        return hasher.hash().asLong();
    }

    private static List<TextExample> shuffled(List<TextExample> examples, long seed) {
        List<TextExample> copy = new ArrayList<>(examples);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }
}
