package lrlab.model;

import java.util.SplittableRandom;
import lrlab.data.Dataset;
import lrlab.util.Check;
import lrlab.util.Shuffle;

/**
 * Shared plumbing: the data, an identity index for whole-data losses, argument checks, and the
 * batch loops every model runs: the mean loss L = (1/m) Σ_{r ∈ [from, to)} loss(indices[r]) and the
 * accuracy (1/n) Σ_i [predict(i) = y_i]; models supply the per-row parts.
 */
abstract class AbstractModel implements Model {

    /** The data set the losses are computed on. */
    protected final Dataset data;
    /** Its features, row-major n×d (shared, not modified). */
    protected final double[] x;
    /** The number of rows. */
    protected final int n;
    /** The number of features. */
    protected final int d;
    private final int[] all;

    AbstractModel(Dataset data) {
        Check.notNull("data", data);
        this.data = data;
        this.x = data.x();
        this.n = data.rows();
        this.d = data.features();
        this.all = Shuffle.identity(n);
    }

    @Override
    public Dataset data() {
        return data;
    }

    @Override
    public double value(double[] params) {
        return value(params, all, 0, n);
    }

    @Override
    public double valueAndGradient(double[] params, double[] gradient) {
        return valueAndGradient(params, gradient, all, 0, n);
    }

    /** Mean of {@link #rowLoss} over rows {@code indices[from..to)}, after {@link #prepare}. */
    @Override
    public double value(double[] p, int[] idx, int from, int to) {
        check(p, null, idx, from, to);
        prepare(p);
        double loss = 0;
        for (int r = from; r < to; r++) {
            loss += rowLoss(p, idx[r]);
        }
        return loss / (to - from);
    }

    /** Fraction of all rows where {@link #predict} equals the label, after {@link #prepare}. */
    @Override
    public double accuracy(double[] p) {
        check(p, null, new int[1], 0, 1);
        prepare(p);
        int[] y = data.labels();
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (predict(p, i) == y[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    /**
     * One pass over all rows: the mean of {@link #rowLoss} and the fraction of rows where
     * {@link #predictAfterLoss} equals the label, bit-identical to {@link #value(double[])} and
     * {@link #accuracy}.
     */
    @Override
    public Evaluation evaluate(double[] p) {
        check(p, null, all, 0, n);
        prepare(p);
        int[] y = data.labels();
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            loss += rowLoss(p, i);
            if (predictAfterLoss(p, i) == y[i]) {
                correct++;
            }
        }
        return new Evaluation(loss / n, (double) correct / n);
    }

    /**
     * The predicted class of row {@code i}, called right after {@code rowLoss(p, i)} so it may reuse
     * that row's forward pass; {@link #predict} by default.
     *
     * @param p θ, the parameters (not modified)
     * @param i the row
     * @return the predicted class of row {@code i}, called right after {@code rowLoss(p, i)} so it may reuse that row's forward pass; {@link #predict} by default
     */
    protected int predictAfterLoss(double[] p, int i) {
        return predict(p, i);
    }

    /**
     * Called once per batch before the row loops (e.g. to unpack weights); nothing by default.
     *
     * @param p θ, the parameters (not modified)
     */
    protected void prepare(double[] p) {
    }

    /**
     * The loss of row {@code i} (not averaged).
     *
     * @param p θ, the parameters (not modified)
     * @param i the row
     * @return the loss of row {@code i} (not averaged)
     */
    protected abstract double rowLoss(double[] p, int i);

    /**
     * The predicted class of row {@code i} (classification models).
     *
     * @param p θ, the parameters (not modified)
     * @param i the row
     * @return the predicted class of row {@code i} (classification models)
     */
    protected int predict(double[] p, int i) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not predict classes");
    }

    /** Index of the largest of {@code o[0..k)} (the first on ties). */
    static int argmax(double[] o, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (o[c] > o[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Checks that {@code other} has this model's feature count and {@code k} classes.
     *
     * @param other the other data set
     * @param k the number of classes
     */
    protected void checkFeaturesAndClasses(Dataset other, int k) {
        Check.that(other.features() == d && other.classCount() == k, () -> "data must have " + d + " features and " + k
                + " classes, got " + other);
    }

    /**
     * The argument checks of every batch method, message-free until one fails (they run per batch).
     *
     * @param params θ, of length {@link #dimension()}
     * @param gradient the output gradient, of length {@link #dimension()}, or null
     * @param indices the row indices
     * @param from first position in indices
     * @param to one past the last position, a non-empty range
     */
    protected void check(double[] params, double[] gradient, int[] indices, int from, int to) {
        int dim = dimension();
        Check.length("params", params, dim);
        if (gradient != null) {
            Check.length("gradient", gradient, dim);
        }
        Check.notNull("indices", indices);
        Check.range("batch [from, to)", from, to, indices.length);
    }

    /** torch.nn.Linear's default: weights and biases ~ U(−1/√fanIn, 1/√fanIn). */
    static void uniformInit(double[] p, int from, int to, int fanIn, SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt(fanIn);
        for (int i = from; i < to; i++) {
            p[i] = rng.nextDouble(-bound, bound);
        }
    }

    /** Stable log(1 + e^z) = max(z, 0) + log1p(e^−|z|). */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** Softmax cross-entropy of logits o[off..off+k) for label y: log Σ e^o − o_y, probs into p. */
    static double softmaxXent(double[] o, int off, int k, int y, double[] p) {
        double max = o[off];
        for (int c = 1; c < k; c++) {
            max = Math.max(max, o[off + c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double e = Math.exp(o[off + c] - max);
            p[c] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int c = 0; c < k; c++) {
            p[c] *= inv;
        }
        return max + Math.log(sum) - o[off + y];
    }
}
