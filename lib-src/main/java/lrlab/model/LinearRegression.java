package lrlab.model;

import java.util.SplittableRandom;
import lrlab.data.Dataset;

/**
 * Linear regression ŷ = w·x + b with the mean squared error L = (1/m) Σ (ŷ_i − y_i)² (torch's
 * MSELoss); ∇_w L = (2/m) Σ (ŷ_i − y_i) x_i, ∂L/∂b = (2/m) Σ (ŷ_i − y_i). Parameters: [w_0..w_{d−1}, b].
 */
public final class LinearRegression extends AbstractModel {

    private final double[] y;

    private LinearRegression(Dataset data) {
        super(data);
        this.y = data.targets();
    }


    /** Linear regression on a regression data set. */
    public static LinearRegression of(Dataset data) {
        if (data != null && data.isClassification()) {
            throw new IllegalArgumentException("LinearRegression needs real targets, " + data.name() + " has labels");
        }
        return new LinearRegression(data);
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
        uniformInit(params, 0, d + 1, d, new SplittableRandom(seed));
    }

    @Override
    public double valueAndGradient(double[] p, double[] g, int[] idx, int from, int to) {
        check(p, g, idx, from, to);
        java.util.Arrays.fill(g, 0.0);
        double loss = 0;
        for (int r = from; r < to; r++) {
            int i = idx[r];
            int off = i * d;
            double z = p[d];
            for (int j = 0; j < d; j++) {
                z += p[j] * x[off + j];
            }
            double e = z - y[i];
            loss += e * e;
            for (int j = 0; j < d; j++) {
                g[j] += e * x[off + j];
            }
            g[d] += e;
        }
        int m = to - from;
        double s = 2.0 / m;
        for (int j = 0; j <= d; j++) {
            g[j] *= s;
        }
        return loss / m;
    }

    @Override
    public double value(double[] p, int[] idx, int from, int to) {
        check(p, null, idx, from, to);
        double loss = 0;
        for (int r = from; r < to; r++) {
            int i = idx[r];
            int off = i * d;
            double z = p[d];
            for (int j = 0; j < d; j++) {
                z += p[j] * x[off + j];
            }
            double e = z - y[i];
            loss += e * e;
        }
        return loss / (to - from);
    }

    @Override
    public double accuracy(double[] params) {
        return Double.NaN;
    }
}
