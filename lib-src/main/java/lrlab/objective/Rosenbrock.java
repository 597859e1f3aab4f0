package lrlab.objective;

import lrlab.util.Check;
/**
 * The Rosenbrock function f(x, y) = (a − x)² + b·(y − x²)², a curved narrow valley with its
 * minimum 0 at (a, a²). Gradient: [−2(a − x) − 4b·x·(y − x²), 2b·(y − x²)].
 * {@code Rosenbrock.standard()} is a = 1, b = 100.
 */
public final class Rosenbrock implements Objective {

    private final double a;
    private final double b;

    private Rosenbrock(double a, double b) {
        Check.finite("a", a);
        Check.positive("b", b);
        this.a = a;
        this.b = b;
    }

    /**
     * a = 1, b = 100: minimum at (1, 1).
     *
     * @return the standard Rosenbrock function
     */
    public static Rosenbrock standard() {
        return new Rosenbrock(1, 100);
    }

    /**
     * (a − x)² + b·(y − x²)² with b &gt; 0.
     *
     * @param a the valley's target a (the minimum is at x = a)
     * @param b the valley's steepness b &gt; 0
     * @return the Rosenbrock function with these a and b
     */
    public static Rosenbrock of(double a, double b) {
        return new Rosenbrock(a, b);
    }

    /** @return the valley's target a: the minimum is at x = a */
    public double a() {
        return a;
    }

    /** @return the valley's steepness b &gt; 0 (curvature across the valley grows with b) */
    public double b() {
        return b;
    }

    /** @return the minimiser (a, a²) */
    public double[] minimizer() {
        return new double[] {a, a * a};
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double value(double[] p) {
        Check.length("x", p, 2);
        double u = a - p[0];
        double w = p[1] - p[0] * p[0];
        return u * u + b * w * w;
    }

    /** f and its gradient into {@code gradient} (modified, length 2). */
    @Override
    public double valueAndGradient(double[] p, double[] gradient) {
        Check.length("x", p, 2);
        Check.length("gradient", gradient, 2);
        double x = p[0];
        double u = a - x;
        double w = p[1] - x * x;
        gradient[0] = -2 * u - 4 * b * x * w;
        gradient[1] = 2 * b * w;
        return u * u + b * w * w;
    }

    @Override
    public String toString() {
        return "Rosenbrock(a=" + a + ", b=" + b + ")";
    }
}
