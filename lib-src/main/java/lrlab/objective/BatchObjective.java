package lrlab.objective;

import lrlab.util.Check;

/**
 * A loss that is a mean over rows (data points), L(x) = (1/n) Σ_i ℓ_i(x), so the loss and gradient of a
 * mini-batch, the rows {@code rows[from..to)}, can be computed alone: what stochastic gradient descent
 * steps on. A model on its data set is one; any {@link Objective} is one with a single row
 * ({@link #wholeBatch(Objective)}), so full-batch gradient descent runs on the same loop.
 */
public interface BatchObjective extends Objective {

    /** @return n, the number of rows the loss averages over */
    int rows();

    /**
     * The mean loss over the rows {@code rows[from..to)}, with its gradient.
     *
     * @param x parameters (not modified)
     * @param gradient output, length {@link #dimension()} (modified, overwritten)
     * @param rows row indices (not modified)
     * @param from first position in {@code rows}
     * @param to one past the last position in {@code rows}
     * @return (1/m) Σ_{r ∈ [from, to)} ℓ_{rows[r]}(x), m = to − from
     */
    double valueAndGradient(double[] x, double[] gradient, int[] rows, int from, int to);

    /**
     * {@code objective} as a loss of one row: every batch is the whole objective, so a batch step is a
     * plain gradient-descent step on L.
     *
     * @param objective the loss (not copied)
     * @return a one-row batch objective computing {@code objective.valueAndGradient(x, gradient)}
     */
    static BatchObjective wholeBatch(Objective objective) {
        Check.notNull("objective", objective);
        return new BatchObjective() {
            @Override
            public int rows() {
                return 1;
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradient, int[] rows, int from, int to) {
                return objective.valueAndGradient(x, gradient);
            }

            @Override
            public int dimension() {
                return objective.dimension();
            }

            @Override
            public double value(double[] x) {
                return objective.value(x);
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradient) {
                return objective.valueAndGradient(x, gradient);
            }

            @Override
            public String toString() {
                return objective.toString();
            }
        };
    }
}
