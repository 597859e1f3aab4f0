package lrlab.analysis;

import java.util.SplittableRandom;
import lrlab.model.Model;
import lrlab.util.Check;
import lrlab.util.Shuffle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * How noisy a mini-batch gradient is. With N training rows, per-example gradients g_i, the full gradient
 * g = (1/N) Σ g_i and Σ the covariance of the gradient of one row drawn at random (trace
 * tr Σ = (1/N) Σ_i ‖g_i − g‖²), the mean of B rows
 * drawn without replacement has
 * <pre>
 *   E ‖g_B − g‖² = (tr Σ / B) · (N − B)/(N − 1)
 * </pre>
 * (the variance of a sample mean with the finite-population correction): halving the noise takes four
 * times the batch. {@link #table} measures the left side by sampling batches and sets it beside the
 * formula; the ratio tr Σ / ‖g‖² is the batch size at which noise and signal are equal (McCandlish et al.
 * 2018, "An Empirical Model of Large-Batch Training", call it the simple noise scale).
 *
 * <pre>{@code
 * var noise = GradientNoise.of(model);
 * table(noise.table(params, 8, 32, 128, 512));
 * }</pre>
 */
public final class GradientNoise {

    private final Model model;
    private int samples = 200;
    private long seed = 0;

    private GradientNoise(Model model) {
        this.model = model;
    }

    /**
     * Noise of {@code model}'s mini-batch gradients on its own data set.
     *
     * @param model the model and its training rows (not modified)
     * @return a noise measurement of {@code model}'s gradients
     */
    public static GradientNoise of(Model model) {
        return new GradientNoise(Check.notNull("model", model));
    }

    /**
     * Batches drawn per batch size for the measured mean (default 200).
     *
     * @param samples ≥ 2
     * @return this
     */
    public GradientNoise samples(int samples) {
        this.samples = Check.atLeast("samples", samples, 2);
        return this;
    }

    /**
     * Seed of the batch draws (default 0).
     *
     * @param seed seed
     * @return this
     */
    public GradientNoise seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * tr Σ = (1/N) Σ_i ‖g_i − g‖², the total variance of one random example's gradient around the full gradient.
     *
     * @param params θ (not modified)
     * @return tr Σ = (1/N) Σ_i ‖g_i − g‖², the total variance of one random example's gradient around the full gradient
     */
    public double perExampleVariance(double[] params) {
        Check.length("params", params, model.dimension());
        int n = model.data().rows();
        int d = params.length;
        double[] full = new double[d];
        model.valueAndGradient(params, full);
        int[] order = Shuffle.identity(n);
        double[] g = new double[d];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            model.valueAndGradient(params, g, order, i, i + 1);
            for (int j = 0; j < d; j++) {
                double e = g[j] - full[j];
                sum += e * e;
            }
        }
        return sum / n;
    }

    /**
     * The formula's E‖g_B − g‖² = (tr Σ / B)·(N − B)/(N − 1) for this data set's N.
     *
     * @param traceSigma tr Σ from {@link #perExampleVariance}
     * @param batch B in [1, N]
     * @return the formula's E‖g_B − g‖² = (tr Σ / B)·(N − B)/(N − 1) for this data set's N
     */
    public double predicted(double traceSigma, int batch) {
        int n = model.data().rows();
        Check.nonNegative("traceSigma", traceSigma);
        checkBatch(batch, n);
        return n == 1 ? 0 : traceSigma / batch * (n - batch) / (n - 1.0);
    }

    /**
     * The measured mean of ‖g_B − g‖² over {@code samples} batches of B rows drawn without replacement.
     *
     * @param params θ (not modified)
     * @param batch B in [1, N]
     * @return the measured mean of ‖g_B − g‖² over {@code samples} batches of B rows drawn without replacement
     */
    public double measured(double[] params, int batch) {
        Check.length("params", params, model.dimension());
        int n = model.data().rows();
        checkBatch(batch, n);
        int d = params.length;
        double[] full = new double[d];
        model.valueAndGradient(params, full);
        int[] order = Shuffle.identity(n);
        double[] g = new double[d];
        SplittableRandom rng = new SplittableRandom(seed ^ (31L * batch));
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < batch; i++) {          // a partial Fisher–Yates shuffle draws B distinct rows
                int j = i + rng.nextInt(n - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            model.valueAndGradient(params, g, order, 0, batch);
            for (int j = 0; j < d; j++) {
                double e = g[j] - full[j];
                sum += e * e;
            }
        }
        return sum / samples;
    }

    /**
     * One row per batch size: batch, measured E‖g_B − g‖², predicted (the formula), ratio
     * measured/predicted, signal ‖g‖² and noise_to_signal = measured/‖g‖².
     *
     * @param params θ (not modified)
     * @param batchSizes B values in [1, N]
     * @return one row per batch size: batch, measured E‖g_B − g‖², predicted (the formula), ratio measured/predicted, signal ‖g‖² and noise_to_signal = measured/‖g‖²
     */
    public Table table(double[] params, int... batchSizes) {
        Check.that(batchSizes != null && batchSizes.length != 0, () -> "batchSizes must not be empty");
        double trace = perExampleVariance(params);
        double[] full = new double[params.length];
        model.valueAndGradient(params, full);
        double signal = 0;
        for (double v : full) {
            signal += v * v;
        }
        Table t = Table.create("gradient noise").addColumns(IntColumn.create("batch"), DoubleColumn.create("measured"),
                DoubleColumn.create("predicted"), DoubleColumn.create("ratio"), DoubleColumn.create("signal"),
                DoubleColumn.create("noise_to_signal"));
        for (int b : batchSizes) {
            double m = measured(params, b);
            double p = predicted(trace, b);
            t.intColumn("batch").append(b);
            t.doubleColumn("measured").append(m);
            t.doubleColumn("predicted").append(p);
            t.doubleColumn("ratio").append(m / p);
            t.doubleColumn("signal").append(signal);
            t.doubleColumn("noise_to_signal").append(m / signal);
        }
        return t;
    }

    private static void checkBatch(int batch, int n) {
        Check.that(batch >= 1 && batch <= n, () -> "batch must be in [1, " + n + "] (the number of rows), got " + batch);
    }
}
