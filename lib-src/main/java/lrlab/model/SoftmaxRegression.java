package lrlab.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import lrlab.data.Dataset;

/**
 * Multinomial logistic (softmax) regression: logits o = W x + b (K classes), p = softmax(o), mean
 * cross-entropy loss_i = log Σ_k e^{o_k} − o_{y_i} (log-sum-exp shifted by max o, torch's
 * CrossEntropyLoss); ∂L/∂W_kj = (1/m) Σ (p_k − [y_i = k]) x_j.
 * Parameters: W row-major K×d (W_kj at k·d + j), then b_0..b_{K−1}.
 */
public final class SoftmaxRegression extends SoftmaxModel {

    private SoftmaxRegression(Dataset data) {
        super(data);
    }

    /** Softmax regression on a classification data set. */
    public static SoftmaxRegression of(Dataset data) {
        requireClassification("SoftmaxRegression", data);
        return new SoftmaxRegression(data);
    }

    @Override
    public Model on(Dataset other) {
        checkFeaturesAndClasses(other, k);
        return of(other);
    }

    @Override
    public int dimension() {
        return k * d + k;
    }

    @Override
    public void initialize(double[] params, long seed) {
        uniformInit(params, 0, dimension(), d, new SplittableRandom(seed));
    }

    @Override
    protected void forward(double[] p, int off) {
        int bOff = k * d;
        for (int c = 0; c < k; c++) {
            double z = p[bOff + c];
            int w = c * d;
            for (int j = 0; j < d; j++) {
                z += p[w + j] * x[off + j];
            }
            logits[c] = z;
        }
    }

    @Override
    public double valueAndGradient(double[] p, double[] g, int[] idx, int from, int to) {
        check(p, g, idx, from, to);
        Arrays.fill(g, 0.0);
        double loss = 0;
        int bOff = k * d;
        for (int r = from; r < to; r++) {
            int i = idx[r];
            int off = i * d;
            forward(p, off);
            loss += softmaxXent(logits, 0, k, y[i], probs);
            probs[y[i]] -= 1.0;
            for (int c = 0; c < k; c++) {
                double e = probs[c];
                int w = c * d;
                for (int j = 0; j < d; j++) {
                    g[w + j] += e * x[off + j];
                }
                g[bOff + c] += e;
            }
        }
        int m = to - from;
        double s = 1.0 / m;
        for (int j = 0; j < g.length; j++) {
            g[j] *= s;
        }
        return loss / m;
    }
}
