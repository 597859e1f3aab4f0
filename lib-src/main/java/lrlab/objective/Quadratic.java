package lrlab.objective;

/**
 * The 1-D quadratic L(w) = a/2 · (w − w*)², with L'(w) = a(w − w*) and curvature L'' = a.
 *
 * <p>The course text's (w − c)² is {@code Quadratic.shifted(c)}: a = 2, w* = c. Gradient descent on it
 * obeys w_{t+1} − w* = (1 − ηa)(w_t − w*), which the analysis package turns into regimes.
 */
public final class Quadratic implements ScalarObjective {

    private final double a;
    private final double minimizer;

    private Quadratic(double a, double minimizer) {
        if (!(a > 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("curvature a must be finite and > 0, got " + a);
        }
        if (!Double.isFinite(minimizer)) {
            throw new IllegalArgumentException("minimizer w* must be finite, got " + minimizer);
        }
        this.a = a;
        this.minimizer = minimizer;
    }

    /** L(w) = a/2 · (w − w*)². */
    public static Quadratic of(double a, double minimizer) {
        return new Quadratic(a, minimizer);
    }

    /** L(w) = (w − c)², the course text's form (a = 2, w* = c). */
    public static Quadratic shifted(double c) {
        return new Quadratic(2.0, c);
    }

    /** The curvature a = L''(w). */
    public double curvature() {
        return a;
    }

    /** The minimiser w*. */
    public double minimizer() {
        return minimizer;
    }

    /** The largest stable learning rate 2/a: above it, gradient descent diverges. */
    public double stabilityLimit() {
        return 2.0 / a;
    }

    /** The one-step learning rate 1/a: w_1 = w* from any start. */
    public double optimalLr() {
        return 1.0 / a;
    }

    /** L(w) for a scalar w. */
    public double value(double w) {
        double d = w - minimizer;
        return 0.5 * a * d * d;
    }

    /** L'(w) for a scalar w. */
    public double derivative(double w) {
        return a * (w - minimizer);
    }

    @Override
    public String toString() {
        return a == 2.0 ? "(w - " + minimizer + ")^2" : a + "/2 (w - " + minimizer + ")^2";
    }
}
