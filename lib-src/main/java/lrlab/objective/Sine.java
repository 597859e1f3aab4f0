package lrlab.objective;

/**
 * f(x) = sin(x), f'(x) = cos(x): a non-convex loss with a minimum at every x* = −π/2 + 2πk, where
 * f'' = 1. Which one gradient descent reaches depends on the start and the learning rate.
 */
public final class Sine implements ScalarObjective {

    private static final Sine INSTANCE = new Sine();

    private Sine() {
    }

    /**
     * f(x) = sin(x).
     *
     * @return the sine objective
     */
    public static Sine create() {
        return INSTANCE;
    }

    /**
     * The minimiser −π/2 + 2πk nearest to x.
     *
     * @param x the point x
     * @return the minimiser −π/2 + 2πk nearest to x
     */
    public static double nearestMinimizer(double x) {
        double k = Math.rint((x + Math.PI / 2) / (2 * Math.PI));
        return -Math.PI / 2 + 2 * Math.PI * k;
    }

    /** sin(x). */
    public double value(double x) {
        return Math.sin(x);
    }

    /** cos(x). */
    public double derivative(double x) {
        return Math.cos(x);
    }

    @Override
    public String toString() {
        return "sin(x)";
    }
}
