package lrlab.objective;

import lrlab.util.Check;

/**
 * The 1-D quadratic L(w) = a/2 · (w − w*)², with L'(w) = a(w − w*) and curvature L'' = a, and the
 * stability facts of plain gradient descent w ← w − η·L'(w) on it.
 *
 * <p>The error obeys w_t − w* = (1 − ηa)^t (w_0 − w*), so everything follows from the contraction
 * factor 1 − ηa: the run converges iff |1 − ηa| &lt; 1, i.e. 0 &lt; η &lt; 2/a (the stability limit),
 * and fastest at η = 1/a (one step). The course text's (w − c)² is {@code Quadratic.shifted(c)}: a = 2, w* = c.
 *
 * <pre>{@code
 * var q = Quadratic.of(2.0, 3.0);           // (w - 3)^2 has a = 2, w* = 3
 * q.stabilityLimit();                       // 1.0
 * q.regime(0.9);                            // ZIG_ZAG
 * q.iterationsToTolerance(0.1, 7.0, 1e-6);  // 69
 * }</pre>
 */
public final class Quadratic implements ScalarObjective {

    private final double a;
    private final double minimizer;

    private Quadratic(double a, double minimizer) {
        this.a = Check.positive("curvature a", a);
        this.minimizer = Check.finite("minimizer w*", minimizer);
    }

    /**
     * L(w) = a/2 · (w − w*)².
     *
     * @param a the curvature L'', finite and &gt; 0
     * @param minimizer w*, finite
     * @return the quadratic
     */
    public static Quadratic of(double a, double minimizer) {
        return new Quadratic(a, minimizer);
    }

    /**
     * L(w) = a/2 · w² (minimiser 0).
     *
     * @param a the curvature L'', finite and &gt; 0
     * @return the quadratic
     */
    public static Quadratic of(double a) {
        return new Quadratic(a, 0.0);
    }

    /**
     * L(w) = (w − c)², the course text's form (a = 2, w* = c).
     *
     * @param c the minimiser, finite
     * @return the quadratic
     */
    public static Quadratic shifted(double c) {
        return new Quadratic(2.0, c);
    }

    /** @return the curvature a = L''(w) */
    public double curvature() {
        return a;
    }

    /** @return the minimiser w* */
    public double minimizer() {
        return minimizer;
    }

    /** @return the largest stable learning rate 2/a: above it, gradient descent diverges (at it, it oscillates) */
    public double stabilityLimit() {
        return 2.0 / a;
    }

    /** @return the one-step learning rate 1/a: w_1 = w* from any start */
    public double optimalLr() {
        return 1.0 / a;
    }

    /**
     * 1 − ηa: the factor by which one step multiplies the error w − w* (negative above 1/a: the step
     * crosses w*).
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return 1 − ηa
     */
    public double contractionFactor(double lr) {
        Check.positive("lr", lr);
        return 1.0 - lr * a;
    }

    /**
     * The regime of learning rate η, decided exactly on the decimal values of η and a
     * ({@link Regime#of(double, double)}).
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return MONOTONE, ONE_STEP, ZIG_ZAG, OSCILLATING or DIVERGING
     */
    public Regime regime(double lr) {
        return Regime.of(lr, a);
    }

    /**
     * w_t = w* + (1 − ηa)^t (w_0 − w*): the iterate after t steps, in closed form.
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @param w0 the start, finite
     * @param t the number of steps, ≥ 0
     * @return w_t
     */
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
     * @param lr the learning rate η, finite and &gt; 0
     * @param w0 the start, finite
     * @param tol the tolerance, finite and &gt; 0
     * @return t, or +∞
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

    /** L(w) = a/2 · (w − w*)² for a scalar w. */
    @Override
    public double value(double w) {
        double d = w - minimizer;
        return 0.5 * a * d * d;
    }

    /** L'(w) = a(w − w*) for a scalar w. */
    @Override
    public double derivative(double w) {
        return a * (w - minimizer);
    }

    @Override
    public String toString() {
        return a == 2.0 ? "(w - " + minimizer + ")^2" : a + "/2 (w - " + minimizer + ")^2";
    }
}
