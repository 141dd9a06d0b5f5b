package org.endpointmanager.testkit.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Produces one value from a random source. Generators are stateless: all randomness comes from the
 * {@link SplittableRandom} passed in, so a seed reproduces a value exactly.
 *
 * @param <T> what it generates
 */
@FunctionalInterface
public interface Gen<T> {

    /** The next value. */
    T next(SplittableRandom random);

    /** This generator's values passed through a function. */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f is null");
        return r -> f.apply(next(r));
    }

    /** Lists of this generator's values, of 0 to {@code maxSize} elements. */
    default Gen<List<T>> list(int maxSize) {
        return r -> {
            int n = r.nextInt(maxSize + 1);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(next(r));
            }
            return out;
        };
    }

    /** Always the same value. */
    static <T> Gen<T> constant(T value) {
        return r -> value;
    }

    /** One of the values, equally likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> copy = List.of(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    /** One of the values, equally likely. */
    static <T> Gen<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    /** A value of one of the generators, each equally likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = List.of(gens);
        return r -> copy.get(r.nextInt(copy.size())).next(r);
    }

    /** An int in {@code [min, max]}. */
    static Gen<Integer> ints(int min, int max) {
        return r -> r.nextInt(min, max + 1);
    }

    /** Any long, with the edges ({@code 0}, {@code ±1}, min, max) more likely than chance. */
    static Gen<Long> longs() {
        return r -> r.nextInt(4) == 0
                ? new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, 65535, 65536}[r.nextInt(8)]
                : r.nextLong();
    }

    /** True with probability {@code p}. */
    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }
}
