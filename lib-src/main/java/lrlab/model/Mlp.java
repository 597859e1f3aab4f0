package lrlab.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import lrlab.data.Dataset;
import lrlab.util.Check;

/**
 * A one-hidden-layer perceptron d → h → K: a = W1ᵀx + b1, z = act(a) (tanh or ReLU), logits
 * o = W2ᵀz + b2, mean softmax cross-entropy loss_i = log Σ_k e^{o_k} − o_{y_i} (torch's
 * CrossEntropyLoss). Backpropagation: δo = softmax(o) − onehot(y), ∂L/∂W2 = z δoᵀ,
 * δa = (W2 δo) ⊙ act'(a), ∂L/∂W1 = x δaᵀ, averaged over the batch.
 *
 * <p>Parameter layout (flat, length d·h + h + h·K + K), input-major so every inner loop is a
 * contiguous axpy the JIT vectorises: W1 at [i·h + j] (input i → hidden j, the transpose of torch's
 * Linear.weight), then b1, then W2 at [j·K + k] (hidden j → class k), then b2. Initialisation is
 * torch.nn.Linear's default U(−1/√fanIn, 1/√fanIn) for weights and biases. Scratch buffers
 * (batch × h) grow only when a larger batch than before arrives: no allocation per batch after warm-up.
 */
public final class Mlp extends SoftmaxModel {

    private final int h;
    private final Activation act;
    private final int b1Off;
    private final int w2Off;
    private final int b2Off;
    private final int dim;
    private final double[] pre;
    private final double[] hid;
    private final double[][] w1Rows;
    private final double[][] g1Rows;
    private final double[][] w2Rows;
    private final double[][] w2Cols;
    private final double[][] g2Cols;
    private double[][] batchProb = new double[0][];
    private double[][] batchPre = new double[0][];
    private double[][] batchHid = new double[0][];
    private double[][] batchDelta = new double[0][];

    private Mlp(Dataset data, int hidden, Activation act) {
        super(data);
        this.h = hidden;
        this.act = act;
        this.b1Off = d * h;
        this.w2Off = b1Off + h;
        this.b2Off = w2Off + h * k;
        this.dim = b2Off + k;
        this.pre = new double[h];
        this.hid = new double[h];
        this.w1Rows = new double[d][h];
        this.g1Rows = new double[d][h];
        this.w2Rows = new double[h][k];
        this.w2Cols = new double[k][h];
        this.g2Cols = new double[k][h];
    }

    /**
     * An MLP d → hidden → K with ReLU on a classification data set (digits: 64-32-10 with hidden 32).
     *
     * @param data the data set
     * @param hidden the units of the hidden layer, ≥ 1
     * @return a new MLP on {@code data}
     */
    public static Mlp of(Dataset data, int hidden) {
        return of(data, hidden, Activation.RELU);
    }

    /**
     * An MLP d → hidden → K with the given activation on a classification data set.
     *
     * @param data the data set
     * @param hidden the units of the hidden layer, ≥ 1
     * @param activation the hidden layer's activation
     * @return a new MLP on {@code data}
     */
    public static Mlp of(Dataset data, int hidden, Activation activation) {
        requireClassification("Mlp", data);
        Check.atLeast("hidden", hidden, 1);
        Check.notNull("activation", activation);
        return new Mlp(data, hidden, activation);
    }

    @Override
    public Model on(Dataset other) {
        checkFeaturesAndClasses(other, k);
        return of(other, h, act);
    }

    /** @return hidden width h */
    public int hidden() {
        return h;
    }

    /** @return the hidden activation */
    public Activation activation() {
        return act;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public void initialize(double[] p, long seed) {
        Check.length("params", p, dim);
        SplittableRandom rng = new SplittableRandom(seed);
        uniformInit(p, 0, w2Off, d, rng);
        uniformInit(p, w2Off, dim, h, rng);
    }

    /** tanh via one exp: 1 − 2/(e^{2a} + 1), exact at ±∞, absolute error ~1e−16. */
    private static double tanh(double a) {
        return 1.0 - 2.0 / (Math.exp(2.0 * a) + 1.0);
    }

    /** Copies W1 from the flat parameters into the row scratch w1Rows (row i = input i's h weights). */
    private void loadW1(double[] p) {
        for (int i = 0; i < d; i++) {
            System.arraycopy(p, i * h, w1Rows[i], 0, h);
        }
        for (int j = 0; j < h; j++) {
            double[] row = w2Rows[j];
            System.arraycopy(p, w2Off + j * k, row, 0, k);
            for (int c = 0; c < k; c++) {
                w2Cols[c][j] = row[c];
            }
        }
    }

    /**
     * Hidden pre-activations of the row at {@code xOff} into {@code pre}: b1 + Σ_i x_i W1[i, ·] (needs
     * {@link #loadW1}). Four inputs per pass over separate row arrays indexed alike, the shape C2's
     * superword pass vectorises (flat arrays at two different offsets are not vectorised on JDK 17).
     */
    private void hiddenPre(double[] p, int xOff, double[] pre) {
        final int h = this.h;
        final double[] x = this.x;
        final double[][] w = this.w1Rows;
        System.arraycopy(p, b1Off, pre, 0, h);
        int i = 0;
        for (; i + 3 < d; i += 4) {
            double x0 = x[xOff + i];
            double x1 = x[xOff + i + 1];
            double x2 = x[xOff + i + 2];
            double x3 = x[xOff + i + 3];
            double[] w0 = w[i];
            double[] w1 = w[i + 1];
            double[] w2 = w[i + 2];
            double[] w3 = w[i + 3];
            for (int j = 0; j < h; j++) {
                pre[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
            }
        }
        for (; i < d; i++) {
            double xi = x[xOff + i];
            double[] w0 = w[i];
            for (int j = 0; j < h; j++) {
                pre[j] += xi * w0[j];
            }
        }
    }

    /** act(pre) into hid. */
    private void activate(double[] pre, double[] hid) {
        if (act == Activation.RELU) {
            for (int j = 0; j < h; j++) {
                double a = pre[j];
                hid[j] = a > 0 ? a : 0.0;
            }
        } else {
            for (int j = 0; j < h; j++) {
                hid[j] = tanh(pre[j]);
            }
        }
    }

    /** Logits b2 + Σ_j z_j W2[j, ·] from hid into logits (needs {@link #loadW1}). */
    private void outputLayer(double[] p, double[] hid) {
        final int k = this.k;
        final double[] logits = this.logits;
        System.arraycopy(p, b2Off, logits, 0, k);
        for (int j = 0; j < h; j++) {
            double zj = hid[j];
            if (zj == 0.0) {
                continue;
            }
            double[] w = w2Rows[j];
            for (int c = 0; c < k; c++) {
                logits[c] += zj * w[c];
            }
        }
    }

    /** Forward pass of the row at {@code xOff} (needs {@link #loadW1}): fills pre, hid and logits. */
    @Override
    protected void forward(double[] p, int xOff) {
        hiddenPre(p, xOff, pre);
        activate(pre, hid);
        outputLayer(p, hid);
    }

    /** Grows the per-batch buffers to m rows (only when a larger batch than before arrives). */
    private void ensureBatch(int m) {
        if (batchPre.length < m) {
            batchProb = new double[m][k];
            batchPre = new double[m][h];
            batchHid = new double[m][h];
            batchDelta = new double[m][h];
        }
    }

    @Override
    public double valueAndGradient(double[] p, double[] g, int[] idx, int from, int to) {
        check(p, g, idx, from, to);
        Arrays.fill(g, 0.0);
        final int h = this.h;
        final int k = this.k;
        final int m = to - from;
        ensureBatch(m);
        loadW1(p);
        final double[] prob = this.probs;
        double loss = 0;
        for (int r = 0; r < m; r++) {
            int i = idx[from + r];
            double[] preR = batchPre[r];
            double[] hidR = batchHid[r];
            double[] deltaR = batchDelta[r];
            hiddenPre(p, i * d, preR);
            activate(preR, hidR);
            outputLayer(p, hidR);
            double[] probR = batchProb[r];
            loss += softmaxXent(logits, 0, k, y[i], probR);
            probR[y[i]] -= 1.0;
            for (int c = 0; c < k; c++) {
                g[b2Off + c] += probR[c];
            }
            // δa = (W2 δo) ⊙ act'(a), as axpys over the columns of W2
            Arrays.fill(deltaR, 0.0);
            for (int c = 0; c < k; c++) {
                double pc = probR[c];
                double[] wc = w2Cols[c];
                for (int j = 0; j < h; j++) {
                    deltaR[j] += pc * wc[j];
                }
            }
            if (act == Activation.RELU) {
                for (int j = 0; j < h; j++) {
                    deltaR[j] = preR[j] > 0 ? deltaR[j] : 0.0;
                }
            } else {
                for (int j = 0; j < h; j++) {
                    deltaR[j] *= 1.0 - hidR[j] * hidR[j];
                }
            }
            for (int j = 0; j < h; j++) {
                g[b1Off + j] += deltaR[j];
            }
        }
        // ∂L/∂W2[·, c] = Σ_r δo_rc z_r, four rows per pass
        final double[][] hidB = batchHid;
        final double[][] probB = batchProb;
        for (int c = 0; c < k; c++) {
            double[] gc = g2Cols[c];
            Arrays.fill(gc, 0.0);
            int r = 0;
            for (; r + 3 < m; r += 4) {
                double p0 = probB[r][c];
                double p1 = probB[r + 1][c];
                double p2 = probB[r + 2][c];
                double p3 = probB[r + 3][c];
                double[] z0 = hidB[r];
                double[] z1 = hidB[r + 1];
                double[] z2 = hidB[r + 2];
                double[] z3 = hidB[r + 3];
                for (int j = 0; j < h; j++) {
                    gc[j] += p0 * z0[j] + p1 * z1[j] + p2 * z2[j] + p3 * z3[j];
                }
            }
            for (; r < m; r++) {
                double p0 = probB[r][c];
                double[] z0 = hidB[r];
                for (int j = 0; j < h; j++) {
                    gc[j] += p0 * z0[j];
                }
            }
            for (int j = 0; j < h; j++) {
                g[w2Off + j * k + c] = gc[j];
            }
        }
        // ∂L/∂W1[q, ·] = Σ_r x_rq δa_r, four rows per pass over the gradient row
        final double[][] delta = batchDelta;
        for (int q = 0; q < d; q++) {
            double[] gq = g1Rows[q];
            Arrays.fill(gq, 0.0);
            int r = 0;
            for (; r + 3 < m; r += 4) {
                double x0 = x[idx[from + r] * d + q];
                double x1 = x[idx[from + r + 1] * d + q];
                double x2 = x[idx[from + r + 2] * d + q];
                double x3 = x[idx[from + r + 3] * d + q];
                double[] d0 = delta[r];
                double[] d1 = delta[r + 1];
                double[] d2 = delta[r + 2];
                double[] d3 = delta[r + 3];
                for (int j = 0; j < h; j++) {
                    gq[j] += x0 * d0[j] + x1 * d1[j] + x2 * d2[j] + x3 * d3[j];
                }
            }
            for (; r < m; r++) {
                double x0 = x[idx[from + r] * d + q];
                double[] d0 = delta[r];
                for (int j = 0; j < h; j++) {
                    gq[j] += x0 * d0[j];
                }
            }
            System.arraycopy(gq, 0, g, q * h, h);
        }
        double s = 1.0 / m;
        for (int j = 0; j < dim; j++) {
            g[j] *= s;
        }
        return loss / m;
    }

    @Override
    protected void prepare(double[] p) {
        loadW1(p);
    }
}
