package lrlab.objective;

/**
 * A differentiable loss L(x) over a parameter vector x of fixed dimension.
 *
 * <p>Implementations write the gradient ∇L(x) into an array the caller owns, so a training loop
 * allocates nothing per step (the EJML habit). {@code x} is never modified.
 */
public interface Objective {

    /** @return number of parameters, the length of {@code x} */
    int dimension();

    /**
     * L(x).
     *
     * @param x the parameters (not modified)
     * @return L(x)
     */
    double value(double[] x);

    /**
     * L(x), with ∇L(x) written into {@code gradient}.
     *
     * @param x parameters (not modified)
     * @param gradient output, length {@link #dimension()} (modified)
     * @return L(x)
     */
    double valueAndGradient(double[] x, double[] gradient);

    /**
     * ∇L(x) in a new array: convenient in a notebook cell, not for hot loops.
     *
     * @param x the parameters (not modified)
     * @return ∇L(x) in a new array: convenient in a notebook cell, not for hot loops
     */
    default double[] gradient(double[] x) {
        double[] g = new double[dimension()];
        valueAndGradient(x, g);
        return g;
    }
}
