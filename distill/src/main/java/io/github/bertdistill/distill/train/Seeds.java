package io.github.bertdistill.distill.train;

/**
 * Derives independent seeds from the run's seed, so that every random choice is a function of
 * (seed, where in the run) and a resumed run repeats it: the shuffle of epoch {@code e} comes from
 * {@code mix(seed, e)}, the engine (dropout) seed of step {@code s} from {@code mix(seed, s)}.
 */
final class Seeds {
    private Seeds() {}

    /** SplitMix64 of {@code seed} and {@code salt}. */
    static long mix(long seed, long salt) {
        long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
