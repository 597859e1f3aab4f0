package lrlab.model;

/**
 * A model's mean loss and accuracy over a whole data set, from one pass over its rows:
 * loss = (1/n) Σ_i loss_i and accuracy = (1/n) Σ_i [argmax_k o_k(x_i) = y_i] (NaN for regression).
 *
 * <pre>{@code
 * Evaluation e = model.on(split.validation()).evaluate(params);
 * e.loss(); e.accuracy();
 * }</pre>
 *
 * @param loss the mean loss, bit-identical to {@link Model#value(double[])}
 * @param accuracy the fraction of correctly classified rows, bit-identical to {@link Model#accuracy}
 */
public record Evaluation(double loss, double accuracy) {
}
