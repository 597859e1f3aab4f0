package lrlab.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import lrlab.data.Dataset;
import lrlab.util.Check;

/**
 * The part linear and logistic regression share: parameters [w_0..w_{d−1}, b], the logit
 * z_i = w·x_i + b, and the batch gradient ∇_w L = (c/m) Σ e_i x_i, ∂L/∂b = (c/m) Σ e_i with the
 * residual e_i = ∂loss_i/∂z_i / c supplied by the subclass.
 */
abstract class LinearModel extends AbstractModel {

    LinearModel(Dataset data) {
        super(data);
    }

    /**
     * The loss of one row at logit z.
     *
     * @param z the logit z = w·x + b
     * @param i the row
     * @return the loss of one row at logit z
     */
    protected abstract double loss(double z, int i);

    /**
     * The residual e_i at logit z (the loss derivative, up to the factor {@link #mean} applies).
     *
     * @param z the logit z = w·x + b
     * @param i the row
     * @return the residual e_i at logit z (the loss derivative, up to the factor {@link #mean} applies)
     */
    protected abstract double residual(double z, int i);

    /**
     * The same model on a data set that passed the feature check.
     *
     * @param other the data set (same features)
     * @return the same model on a data set that passed the feature check
     */
    protected abstract Model with(Dataset other);

    /**
     * Turns the summed gradient into the mean one: g ← g / m by default.
     *
     * @param g the summed gradient (modified)
     * @param m the batch size m
     */
    protected void mean(double[] g, int m) {
        for (int j = 0; j <= d; j++) {
            g[j] /= m;
        }
    }

    @Override
    public Model on(Dataset other) {
        Check.that(other.features() == d, () -> "data must have " + d + " features, got " + other.features());
        return with(other);
    }

    @Override
    public int dimension() {
        return d + 1;
    }

    @Override
    public void initialize(double[] params, long seed) {
        uniformInit(params, 0, d + 1, d, new SplittableRandom(seed));
    }

    /**
     * z = w·x_row + b for the row starting at {@code off} in x.
     *
     * @param p θ, the parameters (not modified)
     * @param off the offset of the row in x
     * @return z = w·x_row + b for the row starting at {@code off} in x
     */
    protected final double logit(double[] p, int off) {
        double z = p[d];
        for (int j = 0; j < d; j++) {
            z += p[j] * x[off + j];
        }
        return z;
    }

    /** The logit z of the last row passed to {@link #rowLoss} (scratch). */
    protected double lastLogit;

    @Override
    protected double rowLoss(double[] p, int i) {
        lastLogit = logit(p, i * d);
        return loss(lastLogit, i);
    }

    @Override
    public double valueAndGradient(double[] p, double[] g, int[] idx, int from, int to) {
        check(p, g, idx, from, to);
        Arrays.fill(g, 0.0);
        double loss = 0;
        for (int r = from; r < to; r++) {
            int i = idx[r];
            int off = i * d;
            double z = logit(p, off);
            loss += loss(z, i);
            double e = residual(z, i);
            for (int j = 0; j < d; j++) {
                g[j] += e * x[off + j];
            }
            g[d] += e;
        }
        int m = to - from;
        mean(g, m);
        return loss / m;
    }
}
