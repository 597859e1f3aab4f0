package lrlab.model;

import lrlab.data.Dataset;
import lrlab.objective.QuadraticForm;
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

    /**
     * Linear regression on a regression data set.
     *
     * @param data the data set
     * @return a new linear regression model on {@code data}
     */
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

    /**
     * The loss as a quadratic form ½θᵀHθ − cᵀθ in θ = [w, b] (equal to the MSE up to the constant
     * mean(y²)), with H = (2/n)·Σ x̂_i x̂_iᵀ and c = (2/n)·Σ y_i x̂_i for x̂_i = [x_i, 1]: its eigenvalues
     * are the curvatures (stability limit 2/λmax for full-batch descent), its minimiser is the
     * least-squares fit.
     *
     * @return the loss as a quadratic form ½θᵀHθ − cᵀθ in θ = [w, b] (equal to the MSE up to the constant mean(y²)), with H = (2/n)·Σ x̂_i x̂_iᵀ and c = (2/n)·Σ y_i x̂_i for x̂_i = [x_i, 1]: its eigenvalues are the curvatures (stability limit 2/λmax for full-batch descent), its minimiser is the least-squares fit
     */
    public QuadraticForm curvature() {
        int n = data().rows();
        int k = d + 1;
        double[][] h = new double[k][k];
        double[] c = new double[k];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int r = 0; r < k; r++) {
                double xr = r < d ? x[off + r] : 1.0;
                c[r] += y[i] * xr;
                for (int q = 0; q <= r; q++) {
                    h[r][q] += xr * (q < d ? x[off + q] : 1.0);
                }
            }
        }
        for (int r = 0; r < k; r++) {
            c[r] *= 2.0 / n;
            for (int q = 0; q <= r; q++) {
                h[r][q] *= 2.0 / n;
                h[q][r] = h[r][q];
            }
        }
        return QuadraticForm.of(h, c);
    }

    /** @return the least-squares parameters [w*, b*] (the minimiser of the MSE); needs a full-rank design */
    public double[] minimizer() {
        return curvature().minimizer();
    }

    /** @return the smallest mean squared error any [w, b] reaches on this data: L(θ*) */
    public double minimumLoss() {
        return value(minimizer());
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
