package lrlab.analysis;

import lrlab.util.Check;

/**
 * Stability facts of plain gradient descent w ← w − η·a(w − w*) on the 1-D quadratic
 * L(w) = a/2 (w − w*)².
 *
 * <p>The error obeys w_t − w* = (1 − ηa)^t (w_0 − w*), so everything follows from the contraction
 * factor 1 − ηa: the run converges iff |1 − ηa| &lt; 1, i.e. 0 &lt; η &lt; 2/a (the stability limit),
 * and fastest at η = 1/a (one step). Immutable.
 *
 * <pre>{@code
 * var q = QuadraticStability.of(2.0, 3.0);   // (w - 3)^2 has a = 2, w* = 3
 * q.stabilityLimit();                        // 1.0
 * q.regime(0.9);                             // ZIG_ZAG
 * q.iterationsToTolerance(0.1, 7.0, 1e-6);   // 69
 * }</pre>
 */
public final class QuadraticStability {
    private final double a;
    private final double minimizer;

    private QuadraticStability(double a, double minimizer) {
        this.a = a;
        this.minimizer = minimizer;
    }

    /**
     * The quadratic a/2 (w − w*)² with curvature a = L''(w) and minimiser w*.
     *
     * @throws IllegalArgumentException if a is not finite or ≤ 0, or w* is not finite
     */
    public static QuadraticStability of(double a, double minimizer) {
        return new QuadraticStability(Check.positive("a", a), Check.finite("minimizer", minimizer));
    }

    /** The quadratic a/2 w² (minimiser 0). */
    public static QuadraticStability of(double a) {
        return of(a, 0.0);
    }

    /** The curvature a = L''(w). */
    public double curvature() {
        return a;
    }

    /** The minimiser w*. */
    public double minimizer() {
        return minimizer;
    }

    /** η = 2/a: the largest learning rate that does not diverge (at it, the run oscillates). */
    public double stabilityLimit() {
        return 2.0 / a;
    }

    /** η = 1/a: the learning rate that lands on w* in one step. */
    public double optimalLr() {
        return 1.0 / a;
    }

    /** 1 − ηa: the factor by which one step multiplies the error w − w*. */
    public double contractionFactor(double lr) {
        Check.positive("lr", lr);
        return 1.0 - lr * a;
    }

    /** ηa, the product that decides the regime. */
    public double lrTimesCurvature(double lr) {
        Check.positive("lr", lr);
        return lr * a;
    }

    /** The regime of learning rate η, decided exactly on the decimal values of η and a. */
    public Regime regime(double lr) {
        return Regime.of(lr, a);
    }

    /** w_t = w* + (1 − ηa)^t (w_0 − w*): the iterate after t steps, in closed form. */
    public double iterate(double lr, double w0, int t) {
        Check.finite("w0", w0);
        Check.nonNegative("t", t);
        return minimizer + Math.pow(contractionFactor(lr), t) * (w0 - minimizer);
    }

    /**
     * The smallest t with |w_t − w*| = |1 − ηa|^t |w_0 − w*| ≤ tol:
     * t = ⌈ln(tol/|w_0 − w*|) / ln|1 − ηa|⌉. It is 0 when w_0 is already within tol, 1 at
     * η = 1/a, and {@link Double#POSITIVE_INFINITY} when the run never gets there (ηa ≥ 2).
     *
     * @throws IllegalArgumentException if lr or tol is not finite and &gt; 0, or w0 is not finite
     */
    public double iterationsToTolerance(double lr, double w0, double tol) {
        double r = Math.abs(contractionFactor(lr));
        Check.finite("w0", w0);
        Check.positive("tol", tol);
        double d0 = Math.abs(w0 - minimizer);
        if (d0 <= tol) return 0;
        if (r == 0) return 1;
        if (r >= 1) return Double.POSITIVE_INFINITY;
        double t = Math.ceil(Math.log(tol / d0) / Math.log(r));
        // the logarithms can be off by an ulp right at a boundary: settle it on the closed form
        while (t > 1 && Math.pow(r, t - 1) * d0 <= tol) t--;
        while (Math.pow(r, t) * d0 > tol) t++;
        return t;
    }

    @Override
    public String toString() {
        return "QuadraticStability[a=" + a + ", w*=" + minimizer + ", stabilityLimit=" + stabilityLimit()
                + ", optimalLr=" + optimalLr() + "]";
    }
}
