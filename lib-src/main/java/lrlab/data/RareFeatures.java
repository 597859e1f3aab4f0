package lrlab.data;

import java.util.SplittableRandom;
import lrlab.util.Check;

/**
 * A synthetic two-class problem with sparse inputs, as in text or click data: {@code common} binary
 * features that are 1 in a fraction {@code commonFrequency} of the rows and {@code rare} ones that are 1
 * in a fraction {@code rareFrequency}. Each row's label is drawn from a logistic model with known weights
 * w*_j = ±{@code weight} (alternating sign) and no bias: P(y = 1 | x) = σ(w*·x). A weight's gradient is zero
 * on every row where its feature is 0, so a rare feature's weight gets a non-zero gradient in only a
 * fraction rareFrequency of the examples.
 *
 * <pre>{@code
 * var sparse = RareFeatures.generate(4000, 10, 10, 0.5, 0.02, 2.0, 0);
 * var model = LogisticRegression.of(sparse.data());
 * }</pre>
 *
 * @param data the rows (features named common_0 …, rare_0 …)
 * @param trueWeights w*, one per feature
 * @param frequencies the probability that each feature is 1
 */
public record RareFeatures(Dataset data, double[] trueWeights, double[] frequencies) {

    /**
     * Copies the arrays, so the record is immutable.
     *
     * @param data the data set
     * @param trueWeights the true weights
     * @param frequencies how often each feature is on
     */
    public RareFeatures {
        Check.notNull("data", data);
        trueWeights = Check.length("trueWeights", trueWeights, data.features()).clone();
        frequencies = Check.length("frequencies", frequencies, data.features()).clone();
    }

    /**
     * Draws the data set.
     *
     * @param rows number of rows ≥ 2
     * @param common number of common features ≥ 0
     * @param rare number of rare features ≥ 0 (common + rare ≥ 1)
     * @param commonFrequency P(common feature = 1), in (0, 1]
     * @param rareFrequency P(rare feature = 1), in (0, 1]
     * @param weight |w*_j| &gt; 0
     * @param seed seed of the draws
     * @return the drawn data set
     */
    public static RareFeatures generate(int rows, int common, int rare, double commonFrequency,
                                        double rareFrequency, double weight, long seed) {
        Check.atLeast("rows", rows, 2);
        Check.nonNegative("common", common);
        Check.nonNegative("rare", rare);
        Check.atLeast("common + rare", common + rare, 1);
        Check.in("commonFrequency", commonFrequency, 0, true, 1, false);
        Check.in("rareFrequency", rareFrequency, 0, true, 1, false);
        Check.positive("weight", weight);
        int d = common + rare;
        double[] w = new double[d];
        double[] freq = new double[d];
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            w[j] = (j % 2 == 0 ? 1 : -1) * weight;
            freq[j] = j < common ? commonFrequency : rareFrequency;
            names[j] = j < common ? "common_" + j : "rare_" + (j - common);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[rows * d];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                if (rng.nextDouble() < freq[j]) {
                    x[i * d + j] = 1;
                    z += w[j];
                }
            }
            labels[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return new RareFeatures(Dataset.classification("rare features", x, d, labels, 2, names), w, freq);
    }

    /** @return w*, a copy */
    @Override
    public double[] trueWeights() {
        return trueWeights.clone();
    }

    /** @return the feature frequencies, a copy */
    @Override
    public double[] frequencies() {
        return frequencies.clone();
    }

    /**
     * Whether feature j is one of the rare ones (its frequency is the smaller of the two).
     *
     * @param j feature index
     * @return whether feature j is one of the rare ones (its frequency is the smaller of the two)
     */
    public boolean isRare(int j) {
        Check.in("j", j, 0, false, trueWeights.length - 1, false);
        double min = Double.POSITIVE_INFINITY;
        for (double f : frequencies) {
            min = Math.min(min, f);
        }
        return frequencies[j] == min && min < maxFrequency();
    }

    private double maxFrequency() {
        double max = 0;
        for (double f : frequencies) {
            max = Math.max(max, f);
        }
        return max;
    }
}
