package lrlab.data;

import lrlab.util.Check;
/**
 * Per-feature standardisation z_j = (x_j − μ_j)/σ_j with μ, σ fitted on one data set (σ the population
 * standard deviation, as scikit-learn's StandardScaler; a constant column gets σ = 1 so it maps to 0).
 */
public final class Standardizer {

    private final double[] mean;
    private final double[] std;

    private Standardizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * Fits μ and σ on {@code data} (not modified).
     *
     * @param data the data set (same features)
     * @return the standardiser fitted on {@code data}
     */
    public static Standardizer fit(Dataset data) {
        int n = data.rows();
        int d = data.features();
        double[] x = data.x();
        double[] mean = new double[d];
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(var[j] / n);
            std[j] = s > 1e-12 ? s : 1.0;
        }
        return new Standardizer(mean, std);
    }

    /**
     * A new data set with standardised features; {@code data} is not modified.
     *
     * @param data the data set (same features)
     * @return a new data set with standardised features ({@code data} is not modified)
     */
    public Dataset apply(Dataset data) {
        int d = mean.length;
        Check.that(data.features() == d, () -> "data has " + data.features() + " features, standardizer was fitted on " + d);
        double[] x = data.x();
        double[] z = new double[x.length];
        for (int i = 0; i < data.rows(); i++) {
            for (int j = 0; j < d; j++) {
                z[i * d + j] = (x[i * d + j] - mean[j]) / std[j];
            }
        }
        return data.withFeatures(z);
    }

    /** @return fitted means μ, a copy */
    public double[] mean() { return mean.clone(); }

    /** @return fitted standard deviations σ, a copy */
    public double[] std() { return std.clone(); }
}
