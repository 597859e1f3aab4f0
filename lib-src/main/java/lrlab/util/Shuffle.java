package lrlab.util;

import java.util.SplittableRandom;

/**
 * The library's one row shuffle (Fisher–Yates with a seeded {@link SplittableRandom}): the batch loop
 * reshuffles with it every epoch and data sets split with it, so a seed means the same order everywhere.
 */
public final class Shuffle {

    private Shuffle() {
    }

    /**
     * Fisher–Yates in place: for i = n−1 … 1, swap a[i] with a[j], j uniform in [0, i].
     *
     * @param a the array to shuffle (modified)
     * @param rng the random numbers (advanced by n − 1 draws)
     */
    public static void inPlace(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * @param n the length, ≥ 0
     * @return 0, 1, …, n−1
     */
    public static int[] identity(int n) {
        Check.nonNegative("n", n);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * @param n the length, ≥ 0
     * @param seed the seed of the shuffle
     * @return a seeded random permutation of 0 … n−1: {@link #identity} shuffled {@link #inPlace}
     */
    public static int[] permutation(int n, long seed) {
        int[] a = identity(n);
        inPlace(a, new SplittableRandom(seed));
        return a;
    }
}
