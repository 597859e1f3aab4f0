package lrlab.objective;

import java.math.BigDecimal;
import lrlab.util.Check;

/**
 * What plain gradient descent does on the 1-D quadratic L(w) = a/2 (w − w*)², decided by the
 * product ηa of the learning rate η and the curvature a.
 *
 * <p>One step maps the error e = w − w* to (1 − ηa)·e, so after t steps
 * w_t − w* = (1 − ηa)^t (w_0 − w*):
 * <ul>
 *   <li>{@link #MONOTONE}: 0 &lt; ηa &lt; 1, the factor is in (0, 1), w approaches w* from one side;</li>
 *   <li>{@link #ONE_STEP}: ηa = 1, the factor is 0, w_1 = w*;</li>
 *   <li>{@link #ZIG_ZAG}: 1 &lt; ηa &lt; 2, the factor is in (−1, 0), w jumps across w* and still converges;</li>
 *   <li>{@link #OSCILLATING}: ηa = 2, the factor is −1, w bounces between w_0 and 2w* − w_0 forever;</li>
 *   <li>{@link #DIVERGING}: ηa &gt; 2, |factor| &gt; 1, the distance grows geometrically.</li>
 * </ul>
 * These words are the library's one vocabulary for what a run does: a verdict of
 * {@code lrlab.analysis.RunClass} and a step of {@code lrlab.analysis.OvershootCriterion} use the same word ({@code ZIG_ZAG}, {@code OSCILLATING},
 * {@code DIVERGING}) for the same outcome.
 */
public enum Regime {
    /** 0 &lt; ηa &lt; 1: monotone convergence. */
    MONOTONE,
    /** ηa = 1: lands on the minimum in one step. */
    ONE_STEP,
    /** 1 &lt; ηa &lt; 2: overshoots every step, converges in a zig-zag. */
    ZIG_ZAG,
    /** ηa = 2: bounces between two points forever. */
    OSCILLATING,
    /** ηa &gt; 2: overshoots further every step and diverges. */
    DIVERGING;

    /**
     * The regime for a given product ηa, compared exactly with 1 and 2.
     *
     * @param lrTimesCurvature the product ηa, finite and &gt; 0
     * @return the regime of ηa
     * @throws IllegalArgumentException if ηa is not finite or ≤ 0
     */
    public static Regime of(double lrTimesCurvature) {
        Check.positive("lr*a", lrTimesCurvature);
        return fromComparison(Double.compare(lrTimesCurvature, 1.0), Double.compare(lrTimesCurvature, 2.0));
    }

    /**
     * The regime for learning rate η on curvature a, decided exactly on the decimal values of η and
     * a (as written, e.g. 0.9 × 2 = 1.8), so rounding of the product can never move a case across
     * a boundary. This is the rule the PyTorch oracle files use.
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @param a the curvature a, finite and &gt; 0
     * @return the regime of η on curvature a
     * @throws IllegalArgumentException if lr or a is not finite or ≤ 0
     */
    public static Regime of(double lr, double a) {
        Check.positive("lr", lr);
        Check.positive("a", a);
        BigDecimal product = new BigDecimal(Double.toString(lr)).multiply(new BigDecimal(Double.toString(a)));
        return fromComparison(product.compareTo(BigDecimal.ONE), product.compareTo(BigDecimal.valueOf(2)));
    }

    private static Regime fromComparison(int vsOne, int vsTwo) {
        if (vsOne < 0) return MONOTONE;
        if (vsOne == 0) return ONE_STEP;
        if (vsTwo < 0) return ZIG_ZAG;
        if (vsTwo == 0) return OSCILLATING;
        return DIVERGING;
    }

    /** @return true for the regimes in which w_t → w*: monotone, one-step and zig-zag */
    public boolean converges() {
        return this == MONOTONE || this == ONE_STEP || this == ZIG_ZAG;
    }

    /** @return true when the iterate crosses the minimum at every step (ηa &gt; 1, factor 1 − ηa &lt; 0) */
    public boolean overshoots() {
        return this == ZIG_ZAG || this == OSCILLATING || this == DIVERGING;
    }
}
