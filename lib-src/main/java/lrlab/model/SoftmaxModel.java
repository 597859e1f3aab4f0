package lrlab.model;

import lrlab.data.Dataset;
import lrlab.util.Check;

/**
 * The softmax output of the MLP: K classes, labels y, the mean softmax
 * cross-entropy loss_i = log Σ_k e^{o_k} − o_{y_i} of the row's logits o, and the prediction
 * argmax_k o_k. Subclasses compute the logits of one row into {@link #logits}.
 */
abstract class SoftmaxModel extends AbstractModel {

    /** Class labels. */
    protected final int[] y;
    /** Number of classes K. */
    protected final int k;
    /** The logits of the last row passed to {@link #forward} (scratch, length K). */
    protected final double[] logits;
    /** softmax(logits) after a loss evaluation (scratch, length K). */
    protected final double[] probs;

    SoftmaxModel(Dataset data) {
        super(data);
        this.y = data.labels();
        this.k = data.classCount();
        this.logits = new double[k];
        this.probs = new double[k];
    }

    /** Throws unless {@code data} is a classification data set. */
    static void requireClassification(String model, Dataset data) {
        Check.that(data != null && data.isClassification(), () -> model + " needs a classification data set, got "
                + (data == null ? "null" : data.toString()));
    }

    /**
     * Writes the logits of the row starting at {@code off} in x into {@link #logits}.
     *
     * @param p θ, the parameters (not modified)
     * @param off the offset of the row in x
     */
    protected abstract void forward(double[] p, int off);

    @Override
    protected double rowLoss(double[] p, int i) {
        forward(p, i * d);
        return softmaxXent(logits, 0, k, y[i], probs);
    }

    /** argmax of the logits {@link #rowLoss} just computed for row i (softmaxXent leaves them intact). */
    @Override
    protected int predictAfterLoss(double[] p, int i) {
        return argmax(logits, k);
    }

    @Override
    protected int predict(double[] p, int i) {
        forward(p, i * d);
        return argmax(logits, k);
    }
}
