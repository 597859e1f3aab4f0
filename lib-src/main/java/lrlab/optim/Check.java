package lrlab.optim;

import java.util.List;
import java.util.Locale;

/** Argument checks shared by the optimizer builders; every message names the argument, its value and the accepted range. */
final class Check {

    private Check() {
    }

    static String fmt(double v) {
        return Double.toString(v);
    }

    /** lr must be finite and &gt; 0 (at construction). */
    static double lr(String name, double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + fmt(lr));
        }
        return lr;
    }

    /** A learning rate set between steps (by a scheduler) may be 0. */
    static double scheduledLr(double lr) {
        if (!(lr >= 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr must be finite and >= 0, got " + fmt(lr));
        }
        return lr;
    }

    static double nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + fmt(v));
        }
        return v;
    }

    static double positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + fmt(v));
        }
        return v;
    }

    /** In [0, 1): betas. */
    static double unitHalfOpen(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + fmt(v));
        }
        return v;
    }

    /** In [0, 1]: RMSprop alpha, dampening. */
    static double unitClosed(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + fmt(v));
        }
        return v;
    }

    /** Groups must tile the parameters in order from index 0; returns an immutable copy. */
    static List<ParamGroup> tiling(List<ParamGroup> groups) {
        List<ParamGroup> copy = List.copyOf(groups);
        GroupedOptimizer.checkTiling(copy);
        return copy;
    }

    static void group(int index, int from, int to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "group %d must be a non-empty index range 0 <= fromIndex < toIndex, got [%d, %d)", index, from, to));
        }
    }
}
