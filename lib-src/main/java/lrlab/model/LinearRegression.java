package lrlab.model;

import lrlab.data.Dataset;
import lrlab.util.Check;

/**
 * Linear regression ŷ = w·x + b with the mean squared error L = (1/m) Σ (ŷ_i − y_i)² (torch's
 * MSELoss); ∇_w L = (2/m) Σ (ŷ_i − y_i) x_i, ∂L/∂b = (2/m) Σ (ŷ_i − y_i). Parameters: [w_0..w_{d−1}, b].
 */
public final class LinearRegression extends LinearModel {

    private final double[] y;

    private LinearRegression(Dataset data) {
        super(data);
        this.y = data.targets();
    }

    /** Linear regression on a regression data set. */
    public static LinearRegression of(Dataset data) {
        Check.that(data == null || !data.isClassification(), () -> "LinearRegression needs real targets, " + data.name() + " has labels");
        return new LinearRegression(data);
    }

    @Override
    protected Model with(Dataset other) {
        return of(other);
    }

    @Override
    protected double loss(double z, int i) {
        double e = z - y[i];
        return e * e;
    }

    @Override
    protected double residual(double z, int i) {
        return z - y[i];
    }

    /** g ← (2/m)·g: the MSE derivative 2(ŷ − y). */
    @Override
    protected void mean(double[] g, int m) {
        double s = 2.0 / m;
        for (int j = 0; j <= d; j++) {
            g[j] *= s;
        }
    }

    @Override
    public double accuracy(double[] params) {
        return Double.NaN;
    }

    /** The mean squared error and NaN (no classes): one pass, for the loss only. */
    @Override
    public Evaluation evaluate(double[] params) {
        return new Evaluation(value(params), Double.NaN);
    }
}
