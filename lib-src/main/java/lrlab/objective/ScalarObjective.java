package lrlab.objective;

/**
 * A loss of one parameter, L(w), with its derivative L'(w): the course text's 1-D examples. The vector
 * form of {@link Objective} (dimension 1, x = [w]) comes for free, so a 1-D loss works with every
 * optimizer, recorder and chart of the library.
 */
public interface ScalarObjective extends Objective {

    /**
     * L(w).
     *
     * @param w the point w
     * @return L(w)
     */
    double value(double w);

    /**
     * L'(w).
     *
     * @param w the point w
     * @return L'(w)
     */
    double derivative(double w);

    @Override
    default int dimension() {
        return 1;
    }

    @Override
    default double value(double[] x) {
        return value(x[0]);
    }

    @Override
    default double valueAndGradient(double[] x, double[] gradient) {
        gradient[0] = derivative(x[0]);
        return value(x[0]);
    }
}
