package lrlab.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import lrlab.data.Dataset;

/**
 * A one-hidden-layer perceptron d → h → K: a = W1ᵀx + b1, z = act(a) (tanh or ReLU), logits
 * o = W2ᵀz + b2, mean softmax cross-entropy loss_i = log Σ_k e^{o_k} − o_{y_i} (torch's
 * CrossEntropyLoss). Backpropagation: δo = softmax(o) − onehot(y), ∂L/∂W2 = z δoᵀ,
 * δa = (W2 δo) ⊙ act'(a), ∂L/∂W1 = x δaᵀ, averaged over the batch.
 *
 * <p>Parameter layout (flat, length d·h + h + h·K + K), input-major so every inner loop is a
 * contiguous axpy the JIT vectorises: W1 at [i·h + j] (input i → hidden j, the transpose of torch's
 * Linear.weight), then b1, then W2 at [j·K + k] (hidden j → class k), then b2. Initialisation is
 * torch.nn.Linear's default U(−1/√fanIn, 1/√fanIn) for weights and biases. Scratch buffers are
 * per-sample (size h and K), allocated once: no allocation per batch.
 */
public final class Mlp extends AbstractModel {

    private final int h;
    private final int k;
    private final Activation act;
    private final int[] y;
    private final int b1Off;
    private final int w2Off;
    private final int b2Off;
    private final int dim;
    private final double[] pre;
    private final double[] hid;
    private final double[] out;
    private final double[] prob;
    private final double[] dHid;

    private Mlp(Dataset data, int hidden, Activation act) {
        super(data);
        this.h = hidden;
        this.k = data.classCount();
        this.act = act;
        this.y = data.labels();
        this.b1Off = d * h;
        this.w2Off = b1Off + h;
        this.b2Off = w2Off + h * k;
        this.dim = b2Off + k;
        this.pre = new double[h];
        this.hid = new double[h];
        this.out = new double[k];
        this.prob = new double[k];
        this.dHid = new double[h];
    }

    /** An MLP d → hidden → K with ReLU on a classification data set (digits: 64-32-10 with hidden 32). */
    public static Mlp of(Dataset data, int hidden) {
        return of(data, hidden, Activation.RELU);
    }

    /** An MLP d → hidden → K with the given activation on a classification data set. */
    public static Mlp of(Dataset data, int hidden, Activation activation) {
        if (data == null || !data.isClassification()) {
            throw new IllegalArgumentException("Mlp needs a classification data set, got "
                    + (data == null ? "null" : data.toString()));
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        return new Mlp(data, hidden, activation);
    }

    @Override
    public Model on(Dataset other) {
        if (other.features() != d || other.classCount() != k) {
            throw new IllegalArgumentException("data must have " + d + " features and " + k
                    + " classes, got " + other);
        }
        return of(other, h, act);
    }

    /** Hidden width h. */
    public int hidden() {
        return h;
    }

    /** The hidden activation. */
    public Activation activation() {
        return act;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public void initialize(double[] p, long seed) {
        if (p.length != dim) {
            throw new IllegalArgumentException("params must have length " + dim + ", got " + p.length);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        uniformInit(p, 0, w2Off, d, rng);
        uniformInit(p, w2Off, dim, h, rng);
    }

    /** tanh via one exp: 1 − 2/(e^{2a} + 1), exact at ±∞, absolute error ~1e−16. */
    private static double tanh(double a) {
        return 1.0 - 2.0 / (Math.exp(2.0 * a) + 1.0);
    }

    /** Forward pass of row {@code off}: fills pre, hid, out. */
    private void forward(double[] p, int off) {
        final int h = this.h;
        final int k = this.k;
        final double[] pre = this.pre;
        System.arraycopy(p, b1Off, pre, 0, h);
        for (int i = 0; i < d; i++) {
            double xi = x[off + i];
            if (xi == 0.0) {
                continue;
            }
            int base = i * h;
            for (int j = 0; j < h; j++) {
                pre[j] += xi * p[base + j];
            }
        }
        final double[] hid = this.hid;
        if (act == Activation.RELU) {
            for (int j = 0; j < h; j++) {
                hid[j] = pre[j] > 0 ? pre[j] : 0.0;
            }
        } else {
            for (int j = 0; j < h; j++) {
                hid[j] = tanh(pre[j]);
            }
        }
        final double[] out = this.out;
        System.arraycopy(p, b2Off, out, 0, k);
        for (int j = 0; j < h; j++) {
            double zj = hid[j];
            if (zj == 0.0) {
                continue;
            }
            int base = w2Off + j * k;
            for (int c = 0; c < k; c++) {
                out[c] += zj * p[base + c];
            }
        }
    }

    @Override
    public double valueAndGradient(double[] p, double[] g, int[] idx, int from, int to) {
        check(p, g, idx, from, to);
        Arrays.fill(g, 0.0);
        final int h = this.h;
        final int k = this.k;
        final double[] prob = this.prob;
        final double[] hid = this.hid;
        final double[] dHid = this.dHid;
        double loss = 0;
        for (int r = from; r < to; r++) {
            int i = idx[r];
            int off = i * d;
            forward(p, off);
            loss += softmaxXent(out, 0, k, y[i], prob);
            prob[y[i]] -= 1.0;
            for (int c = 0; c < k; c++) {
                g[b2Off + c] += prob[c];
            }
            for (int j = 0; j < h; j++) {
                double zj = hid[j];
                int base = w2Off + j * k;
                double s = 0;
                for (int c = 0; c < k; c++) {
                    g[base + c] += zj * prob[c];
                    s += p[base + c] * prob[c];
                }
                double deriv = act == Activation.RELU ? (pre[j] > 0 ? 1.0 : 0.0) : 1.0 - zj * zj;
                dHid[j] = s * deriv;
            }
            for (int j = 0; j < h; j++) {
                g[b1Off + j] += dHid[j];
            }
            for (int q = 0; q < d; q++) {
                double xq = x[off + q];
                if (xq == 0.0) {
                    continue;
                }
                int base = q * h;
                for (int j = 0; j < h; j++) {
                    g[base + j] += xq * dHid[j];
                }
            }
        }
        int m = to - from;
        double s = 1.0 / m;
        for (int j = 0; j < dim; j++) {
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
            forward(p, i * d);
            loss += softmaxXent(out, 0, k, y[i], prob);
        }
        return loss / (to - from);
    }

    @Override
    public double accuracy(double[] p) {
        check(p, null, new int[1], 0, 1);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            forward(p, i * d);
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (out[c] > out[best]) {
                    best = c;
                }
            }
            if (best == y[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }
}
