package lrlab.util;

import java.util.function.Supplier;

/**
 * Argument checks shared by the whole library. Every check returns its argument when it is accepted and
 * otherwise throws an {@link IllegalArgumentException} whose message names the argument, the accepted
 * range and the value that was given, in the one style of the workbook:
 *
 * <pre>
 *   lr must be finite and &gt; 0, got -0.1
 *   beta must be in [0, 1), got 1.0
 *   hi must be finite and &gt; lo = 0.1, got 0.05
 * </pre>
 *
 * Doubles are written with {@link Double#toString(double)} (so 1 prints as {@code 1.0}, NaN as {@code NaN}).
 * NaN fails every range check. Use as {@code Check.positive("lr", lr)}.
 */
public final class Check {

    private Check() {
    }

    /**
     * A condition that no named check covers (a matrix is symmetric, the groups tile the parameters);
     * the message, built only when the check fails, must name the argument, what is expected and what was
     * given, in the style above.
     *
     * @param condition what must hold
     * @param message the message of the exception when it does not
     */
    public static void that(boolean condition, Supplier<String> message) {
        if (!condition) {
            throw new IllegalArgumentException(message.get());
        }
    }

    /**
     * One of a fixed set of names; message "{name} must be one of SGD, Adam, got 'sgd'" (or "got null").
     *
     * @param name the argument's name
     * @param value the name given
     * @param allowed the names accepted
     * @return value
     */
    public static String oneOf(String name, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed) + ", got "
                + (value == null ? "null" : "'" + value + "'"));
    }

    /**
     * A double as it appears in messages: {@link Double#toString(double)}, independent of the locale.
     *
     * @param v the value given
     * @return the text of v
     */
    public static String fmt(double v) {
        return Double.toString(v);
    }

    /**
     * {@code value != null}; message "{name} must not be null".
     *
     * @param <T> the argument's type
     * @param name the argument's name
     * @param value the value given
     * @return value
     */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * A non-blank string; message "{name} must be a non-blank string, got 'x'" (or "got null").
     *
     * @param name the argument's name
     * @param value the value given
     * @return value, when accepted
     */
    public static String nonBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be a non-blank string, got "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    /**
     * An array with at least one element; message "{name} must not be empty".
     *
     * @param name the argument's name
     * @param values the array given
     * @return values, when accepted
     */
    public static double[] nonEmpty(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return values;
    }

    /**
     * An array of exactly {@code length} elements; message "{name} must have length 3, got 2" (or "got null").
     *
     * @param name the argument's name
     * @param values the array given
     * @param length the required length
     * @return values, when accepted
     */
    public static double[] length(String name, double[] values, int length) {
        if (values == null || values.length != length) {
            throw new IllegalArgumentException(name + " must have length " + length + ", got "
                    + (values == null ? "null" : values.length));
        }
        return values;
    }

    /**
     * An index into {@code size} elements: 0 ≤ i &lt; size; message "{name} must be in [0, 3), got 5". Builds no
     * message unless it fails (hot paths call it).
     *
     * @param name the index's name
     * @param i the index
     * @param size the number of elements
     * @return i
     */
    public static int index(String name, int i, int size) {
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException(name + " must be in [0, " + size + "), got " + i);
        }
        return i;
    }

    /**
     * A non-empty index range within an array: 0 ≤ from &lt; to ≤ length; message
     * "{name} must be a non-empty range within [0, 10), got [3, 2)". Builds no message unless it fails.
     *
     * @param name the range's name
     * @param from first index
     * @param to one past the last index
     * @param length the array's length
     */
    public static void range(String name, int from, int to, int length) {
        if (from < 0 || to > length || from >= to) {
            throw new IllegalArgumentException(name + " must be a non-empty range within [0, " + length + "), got ["
                    + from + ", " + to + ")");
        }
    }

    /**
     * An array of exactly {@code length} elements, saying where that length comes from; message
     * "{name} must have length 3 (the length of params), got 2". Builds no message unless it fails.
     *
     * @param name the argument's name
     * @param values the array
     * @param length the required length
     * @param why what the length is, e.g. "the length of params"
     * @return values
     */
    public static double[] length(String name, double[] values, int length, String why) {
        if (values == null || values.length != length) {
            throw new IllegalArgumentException(name + " must have length " + length + " (" + why + "), got "
                    + (values == null ? "null" : values.length));
        }
        return values;
    }

    /**
     * v finite (not NaN, not ±∞); message "{name} must be finite, got NaN".
     *
     * @param name the argument's name
     * @param v the value given
     * @return v, when accepted
     */
    public static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + fmt(v));
        }
        return v;
    }

    /**
     * 0 &lt; v &lt; ∞; message "{name} must be finite and &gt; 0, got -0.1".
     *
     * @param name the argument's name
     * @param v the value given
     * @return v, when accepted
     */
    public static double positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + fmt(v));
        }
        return v;
    }

    /**
     * v &gt; 0; message "{name} must be &gt; 0, got 0".
     *
     * @param name the argument's name
     * @param v the value given
     * @return v, when accepted
     */
    public static int positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
        return v;
    }

    /**
     * 0 &lt; v ≤ ∞ (a bound that may be switched off with infinity); message "{name} must be &gt; 0 (may be infinite), got 0.0".
     *
     * @param name the argument's name
     * @param v the value given
     * @return v, when accepted
     */
    public static double positiveOrInfinite(String name, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(name + " must be > 0 (may be infinite), got " + fmt(v));
        }
        return v;
    }

    /**
     * 0 ≤ v &lt; ∞; message "{name} must be finite and &gt;= 0, got -1.0".
     *
     * @param name the argument's name
     * @param v the value given
     * @return v, when accepted
     */
    public static double nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + fmt(v));
        }
        return v;
    }

    /**
     * v ≥ 0; message "{name} must be &gt;= 0, got -1".
     *
     * @param name the argument's name
     * @param v the value given
     * @return v, when accepted
     */
    public static int nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
        return v;
    }

    /**
     * v ≥ min; message "{name} must be &gt;= 2, got 1".
     *
     * @param name the argument's name
     * @param v the value given
     * @param min the smallest value accepted
     * @return v, when accepted
     */
    public static int atLeast(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    /**
     * lo &lt; v ≤ ∞ (infinity allowed, NaN not); message "{name} must be &gt; 1.0, got 0.5".
     *
     * @param name the argument's name
     * @param v the value given
     * @param lo the lower bound
     * @return v, when accepted
     */
    public static double greaterThan(String name, double v, double lo) {
        if (!(v > lo)) {
            throw new IllegalArgumentException(name + " must be > " + fmt(lo) + ", got " + fmt(v));
        }
        return v;
    }

    /**
     * lo &lt; v &lt; ∞; message "{name} must be finite and &gt; 1.0, got 0.5".
     *
     * @param name the argument's name
     * @param v the value given
     * @param lo the lower bound
     * @return v, when accepted
     */
    public static double finiteGreaterThan(String name, double v, double lo) {
        if (!(v > lo) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > " + fmt(lo) + ", got " + fmt(v));
        }
        return v;
    }

    /**
     * A log-scale interval 0 &lt; lo &lt; hi &lt; ∞; messages "{loName} must be finite and &gt; 0, got -1.0" and
     * "{hiName} must be finite and &gt; {loName} = 0.1, got 0.05".
     *
     * @param loName the name of lo
     * @param lo the lower bound
     * @param hiName the name of hi
     * @param hi the upper bound
     */
    public static void positiveRange(String loName, double lo, String hiName, double hi) {
        positive(loName, lo);
        if (!(hi > lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException(hiName + " must be finite and > " + loName + " = " + fmt(lo)
                    + ", got " + fmt(hi));
        }
    }

    /**
     * 0 ≤ v &lt; 1 (momentum β, smoothing β); message "{name} must be in [0, 1), got 1.0".
     *
     * @param name the argument's name
     * @param v the value given
     * @return v, when accepted
     */
    public static double unitHalfOpen(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + fmt(v));
        }
        return v;
    }

    /**
     * 0 ≤ v ≤ 1 (RMSprop α, dampening); message "{name} must be in [0, 1], got 1.5".
     *
     * @param name the argument's name
     * @param v the value given
     * @return v, when accepted
     */
    public static double unitClosed(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + fmt(v));
        }
        return v;
    }

    /**
     * v finite and in the interval from lo to hi, each end open or closed; message
     * "{name} must be in (0.0, 1.0], got 1.5" with the brackets spelling out the ends.
     *
     * @param name the argument's name
     * @param v the value given
     * @param lo the lower bound
     * @param loOpen whether lo is excluded
     * @param hi the upper bound
     * @param hiOpen whether hi is excluded
     * @return v, when accepted
     */
    public static double in(String name, double v, double lo, boolean loOpen, double hi, boolean hiOpen) {
        boolean ok = Double.isFinite(v) && (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        if (!ok) {
            throw new IllegalArgumentException(name + " must be in " + (loOpen ? "(" : "[") + fmt(lo) + ", "
                    + fmt(hi) + (hiOpen ? ")" : "]") + ", got " + fmt(v));
        }
        return v;
    }
}
