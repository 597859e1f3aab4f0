package lrlab.analysis;

import lrlab.util.Check;

/**
 * The noise floor of stochastic gradient descent at a constant rate: mini-batch gradients are noisy, so
 * near the minimum each step kicks the parameters by an amount proportional to η and the loss stops
 * falling at a level above the minimum instead of reaching it. This class measures that level on a
 * recorded loss series and predicts it for least squares.
 *
 * <p>Prediction (least squares, batches of B rows drawn independently): near θ* the error obeys
 * e ← (I − ηH)e − η·ξ with gradient noise of covariance Q ≈ 2L*·H/B, L* the minimum mean squared error
 * (each row's gradient 2r_i x̂_i has covariance 4·E[r²]·E[x̂x̂ᵀ] when the residual is independent of the
 * features). Solving the stationary covariance direction by direction gives the expected excess loss
 * <pre>  floor = Σ_i η·L*·λ_i / (B·(2 − ηλ_i))  ≈  η·L*·tr(H) / (2B)   for small η,</pre>
 * proportional to the noise scale η/B.
 */
public final class NoiseFloor {

    private NoiseFloor() {
    }

    /**
     * The measured floor: the mean of L(θ_t) − L* over the last {@code tailFraction} of the series (where
     * the loss has stopped falling and only fluctuates).
     *
     * @param losses the full (not mini-batch) loss after each step
     * @param minimum L*, the smallest loss the model can reach
     * @param tailFraction the share of the series to average, in (0, 1]
     * @return the measured floor: the mean of L(θ_t) − L* over the last {@code tailFraction} of the series (where the loss has stopped falling and only fluctuates)
     */
    public static double measure(double[] losses, double minimum, double tailFraction) {
        Check.nonEmpty("losses", losses);
        Check.finite("minimum", minimum);
        Check.in("tailFraction", tailFraction, 0, true, 1, false);
        int from = losses.length - Math.max(1, (int) Math.round(tailFraction * losses.length));
        double sum = 0;
        for (int t = from; t < losses.length; t++) {
            sum += losses[t] - minimum;
        }
        return sum / (losses.length - from);
    }

    /**
     * The predicted floor of least squares, Σ_i η·L*·λ_i / (B·(2 − ηλ_i)); infinite when ηλmax ≥ 2 (no
     * stationary level: the run diverges).
     *
     * @param lr η &gt; 0
     * @param batchSize B ≥ 1 (rows drawn independently)
     * @param minimumLoss L* ≥ 0, the least-squares mean squared error
     * @param curvatures the eigenvalues λ_i of the loss's Hessian H
     * @return the predicted floor of least squares, Σ_i η·L*·λ_i / (B·(2 − ηλ_i)); infinite when ηλmax ≥ 2 (no stationary level: the run diverges)
     */
    public static double leastSquares(double lr, int batchSize, double minimumLoss, double... curvatures) {
        Check.positive("lr", lr);
        Check.atLeast("batchSize", batchSize, 1);
        Check.nonNegative("minimumLoss", minimumLoss);
        Check.nonEmpty("curvatures", curvatures);
        double sum = 0;
        for (int i = 0; i < curvatures.length; i++) {
            double l = Check.nonNegative("curvatures[" + i + "]", curvatures[i]);
            if (lr * l >= 2) {
                return Double.POSITIVE_INFINITY;
            }
            sum += lr * minimumLoss * l / (batchSize * (2 - lr * l));
        }
        return sum;
    }
}
