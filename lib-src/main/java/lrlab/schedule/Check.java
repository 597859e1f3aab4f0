package lrlab.schedule;

import java.util.Locale;
import lrlab.optim.Optimizer;

/** Argument checks with messages that name the argument, its value and the accepted range. */
final class Check {

    private Check() {
    }

    static Optimizer optimizer(Optimizer optimizer) {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must not be null");
        }
        if (optimizer.groupCount() < 1) {
            throw new IllegalArgumentException("optimizer must have at least one parameter group, got "
                    + optimizer.groupCount());
        }
        return optimizer;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    static double positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + fmt(v));
        }
        return v;
    }

    static int positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
        return v;
    }

    static int nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
        return v;
    }

    static double nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + fmt(v));
        }
        return v;
    }

    /** lo < v <= hi (open or closed bounds spelled out in the message). */
    static double in(String name, double v, double lo, boolean loOpen, double hi, boolean hiOpen) {
        boolean ok = Double.isFinite(v) && (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        if (!ok) {
            throw new IllegalArgumentException(name + " must be in " + (loOpen ? "(" : "[") + fmt(lo) + ", "
                    + fmt(hi) + (hiOpen ? ")" : "]") + ", got " + fmt(v));
        }
        return v;
    }

    static void momentum(Optimizer optimizer, String scheduler) {
        if (!optimizer.hasMomentum()) {
            throw new IllegalArgumentException(scheduler + " with cycleMomentum needs an optimizer with momentum or"
                    + " beta1 (SGD, RMSprop, Adam, AdamW); this optimizer has none: pass cycleMomentum(false)");
        }
    }
}
