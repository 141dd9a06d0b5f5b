package org.endpointmanager.testkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.opentest4j.AssertionFailedError;

/**
 * Runs properties over generated inputs and crafted corpora.
 *
 * <p>Every property draws its cases from a fixed base seed ({@link #BASE_SEED}), so a run is the same
 * every time. {@code -Dfuzz.seed=N} picks another base seed, {@code -Dfuzz.scale=K} runs K times as
 * many cases, and {@code -Dfuzz.case=I} runs only case I. A failure names the property, the seed, the
 * case index and the input (escaped), so {@code -Dfuzz.seed=N -Dfuzz.case=I} replays it alone.
 *
 * <p>A whole property runs under a generous hang guard ({@link #DEFAULT_BOUND}); this is protection
 * against a parser that never returns, not a timing assertion.
 */
public final class Fuzz {

    /** The base seed used when {@code fuzz.seed} is not set. */
    public static final long BASE_SEED = 0x5EED_2024_0007_0008L;

    /** The hang guard of a whole property or corpus. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(60);

    private Fuzz() {
    }

    /** A check of one input; it fails by throwing (an assertion or an unexpected exception). */
    @FunctionalInterface
    public interface Check<T> {
        /** Checks one input. */
        void accept(T input) throws Exception;
    }

    /** The base seed in force: {@code -Dfuzz.seed} or {@link #BASE_SEED}. */
    public static long seed() {
        String s = System.getProperty("fuzz.seed", "").strip();
        return s.isEmpty() ? BASE_SEED : Long.decode(s);
    }

    /** The random source of one case: a function of the base seed, the property name and the index only. */
    public static SplittableRandom random(long seed, String property, int index) {
        long h = seed ^ (property.hashCode() * 0x9E3779B97F4A7C15L) ^ ((index + 1L) * 0xC2B2AE3D27D4EB4FL);
        return new SplittableRandom(mix(h));
    }

    /**
     * Checks {@code cases} generated inputs under the default hang guard.
     *
     * @param property a name, part of each case's seed and of the failure message
     */
    public static <T> void property(String property, int cases, Gen<T> gen, Check<? super T> check) {
        property(property, cases, DEFAULT_BOUND, gen, check);
    }

    /** As {@link #property(String, int, Gen, Check)} with another hang guard. */
    public static <T> void property(String property, int cases, Duration bound, Gen<T> gen, Check<? super T> check) {
        Objects.requireNonNull(gen, "gen is null");
        Objects.requireNonNull(check, "check is null");
        long seed = seed();
        int total = Math.max(1, cases * Integer.getInteger("fuzz.scale", 1));
        Integer only = Integer.getInteger("fuzz.case");
        assertTimeoutPreemptively(bound, () -> {
            for (int i = only == null ? 0 : only; i < (only == null ? total : only + 1); i++) {
                T input = gen.next(random(seed, property, i));
                runOne(property + " case " + i + " (replay: -Dfuzz.seed=" + seed + " -Dfuzz.case=" + i + ")",
                        input, check);
            }
        }, () -> property + " did not finish within " + bound + " (seed " + seed + "): a hang?");
    }

    /** Checks every crafted input of a corpus, under the default hang guard. */
    public static <T> void corpus(String name, List<T> inputs, Check<? super T> check) {
        assertTimeoutPreemptively(DEFAULT_BOUND, () -> {
            for (int i = 0; i < inputs.size(); i++) {
                runOne(name + " corpus entry " + i, inputs.get(i), check);
            }
        }, () -> name + " corpus did not finish within " + DEFAULT_BOUND + ": a hang?");
    }

    private static <T> void runOne(String where, T input, Check<? super T> check) {
        try {
            check.accept(input);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError v && !(t instanceof StackOverflowError)) {
                throw v;
            }
            throw new AssertionFailedError(where + " failed: " + t + "\n  input: " + Inputs.describe(input), t);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
