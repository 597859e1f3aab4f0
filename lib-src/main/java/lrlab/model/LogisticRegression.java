package lrlab.model;

import lrlab.data.Dataset;
import lrlab.util.Check;

/**
 * Binary logistic regression z = w·x + b, p = σ(z), with the mean binary cross-entropy computed
 * stably from the logit (torch's BCEWithLogitsLoss): loss_i = log(1 + e^z) − y z
 * = max(z, 0) + log1p(e^−|z|) − y z; ∇_w L = (1/m) Σ (σ(z_i) − y_i) x_i. Labels must be 0/1.
 * Parameters: [w_0..w_{d−1}, b].
 */
public final class LogisticRegression extends LinearModel {

    private final int[] y;

    private LogisticRegression(Dataset data) {
        super(data);
        this.y = data.labels();
    }

    /**
     * Logistic regression on a two-class data set.
     *
     * @param data the data set
     * @return a new logistic regression model on {@code data}
     */
    public static LogisticRegression of(Dataset data) {
        Check.that(data != null && data.isClassification() && data.classCount() == 2, () -> "LogisticRegression needs a two-class data set, got "
                + (data == null ? "null" : data.toString()));
        return new LogisticRegression(data);
    }

    @Override
    protected Model with(Dataset other) {
        return of(other);
    }

    @Override
    protected double loss(double z, int i) {
        return softplus(z) - y[i] * z;
    }

    @Override
    protected double residual(double z, int i) {
        return 1.0 / (1.0 + Math.exp(-z)) - y[i];
    }

    /** The class of the logit {@link #rowLoss} just computed for row i. */
    @Override
    protected int predictAfterLoss(double[] p, int i) {
        return lastLogit > 0 ? 1 : 0;
    }

    @Override
    protected int predict(double[] p, int i) {
        return logit(p, i * d) > 0 ? 1 : 0;
    }
}
