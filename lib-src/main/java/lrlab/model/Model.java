package lrlab.model;

import lrlab.data.Dataset;
import lrlab.objective.BatchObjective;
import lrlab.objective.Objective;

/**
 * A model bound to a data set, with flat {@code double[]} parameters. As an {@link Objective} it is the
 * mean loss over all rows; the batch methods give the mean loss (and its gradient) over the rows
 * {@code indices[from..to)}, allocating nothing after the first call with a given batch size.
 *
 * <p>Not thread-safe: a model owns scratch buffers. Use {@link #on(Dataset)} for another data set
 * (e.g. validation) with the same architecture.
 */
public interface Model extends BatchObjective {

    /** @return the data set the losses are computed on */
    Dataset data();

    /** @return the number of rows of {@link #data()} */
    @Override
    default int rows() {
        return data().rows();
    }

    /**
     * The same architecture on another data set (same feature count and targets kind).
     *
     * @param data the data set (same features and kind of targets)
     * @return the same architecture on another data set (same feature count and targets kind)
     */
    Model on(Dataset data);

    /**
     * Writes seeded initial parameters into {@code params} (modified).
     *
     * @param params θ (not modified)
     * @param seed the seed of the initialisation
     */
    void initialize(double[] params, long seed);

    /**
     * New seeded initial parameters.
     *
     * @param seed the seed of the initialisation
     * @return new seeded initial parameters
     */
    default double[] initialParams(long seed) {
        double[] p = new double[dimension()];
        initialize(p, seed);
        return p;
    }

    /**
     * Mean loss over rows {@code indices[from..to)}, with its gradient written into {@code gradient}.
     *
     * @param params θ (not modified)
     * @param gradient output, length {@link #dimension()} (modified, overwritten)
     * @return (1/m) Σ loss_i, m = to − from
     */
    @Override
    double valueAndGradient(double[] params, double[] gradient, int[] indices, int from, int to);

    /**
     * Mean loss over rows {@code indices[from..to)}.
     *
     * @param params θ (not modified)
     * @param indices row indices (not modified)
     * @param from the first position in indices
     * @param to one past the last position in indices
     * @return mean loss over rows {@code indices[from..to)}
     */
    double value(double[] params, int[] indices, int from, int to);

    /**
     * Fraction of rows whose predicted class equals the label (classification), NaN for regression.
     *
     * @param params θ (not modified)
     * @return fraction of rows whose predicted class equals the label (classification), NaN for regression
     */
    double accuracy(double[] params);

    /**
     * The mean loss over all rows and the accuracy, {@link #value(double[])} and {@link #accuracy}
     * bit for bit, in one pass where the model can (each row's forward pass gives both its loss and
     * its predicted class).
     *
     * @param params θ (not modified)
     * @return the mean loss over all rows and the accuracy, {@link #value(double[])} and {@link #accuracy} bit for bit, in one pass where the model can (each row's forward pass gives both its loss and its predicted class)
     */
    default Evaluation evaluate(double[] params) {
        return new Evaluation(value(params), accuracy(params));
    }
}
