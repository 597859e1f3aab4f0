package lrlab.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import lrlab.data.Dataset;

/**
 * Binary logistic regression z = w·x + b, p = σ(z), with the mean binary cross-entropy computed
 * stably from the logit (torch's BCEWithLogitsLoss): loss_i = log(1 + e^z) − y z
 * = max(z, 0) + log1p(e^−|z|) − y z; ∇_w L = (1/m) Σ (σ(z_i) − y_i) x_i. Labels must be 0/1.
 * Parameters: [w_0..w_{d−1}, b].
 */
public final class LogisticRegression extends AbstractModel {

    private final int[] y;

    private LogisticRegression(Dataset data) {
        super(data);
        this.y = data.labels();
    }

    /** Logistic regression on a two-class data set. */
    public static LogisticRegression of(Dataset data) {
        if (data == null || !data.isClassification() || data.classCount() != 2) {
            throw new IllegalArgumentException("LogisticRegression needs a two-class data set, got "
                    + (data == null ? "null" : data.toString()));
        }
        return new LogisticRegression(data);
    }

    @Override
    public Model on(Dataset other) {
        if (other.features() != d) {
            throw new IllegalArgumentException("data must have " + d + " features, got " + other.features());
        }
        return of(other);
    }

    @Override
    public int dimension() {
        return d + 1;
    }

    @Override
    public void initialize(double[] params, long seed) {
        AbstractModel.uniformInit(params, 0, d + 1, d, new SplittableRandom(seed));
    }

    private double logit(double[] p, int off) {
        double z = p[d];
        for (int j = 0; j < d; j++) {
            z += p[j] * x[off + j];
        }
        return z;
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
            loss += softplus(z) - y[i] * z;
            double e = 1.0 / (1.0 + Math.exp(-z)) - y[i];
            for (int j = 0; j < d; j++) {
                g[j] += e * x[off + j];
            }
            g[d] += e;
        }
        int m = to - from;
        for (int j = 0; j <= d; j++) {
            g[j] /= m;
        }
        return loss / m;
    }

    @Override
    public double value(double[] p, int[] idx, int from, int to) {
        check(p, null, idx, from, to);
        double loss = 0;
        for (int r = from; r < to; r++) {
            int i = idx[r];
            double z = logit(p, i * d);
            loss += softplus(z) - y[i] * z;
        }
        return loss / (to - from);
    }

    @Override
    public double accuracy(double[] p) {
        check(p, null, new int[1], 0, 1);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int pred = logit(p, i * d) > 0 ? 1 : 0;
            if (pred == y[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }
}
