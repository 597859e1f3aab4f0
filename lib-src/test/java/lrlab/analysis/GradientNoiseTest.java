package lrlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.data.Dataset;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.model.Mlp;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

class GradientNoiseTest {

    /** y = x on four rows x = 0, 1, 2, 3 with w = b = 0: per-example gradients of (w·x + b − y)² are known. */
    private static final Dataset LINE = Dataset.regression("line", new double[] {0, 1, 2, 3}, 1, new double[] {0, 1, 2, 3});

    @Test
    void perExampleVarianceIsTheMeanSquaredDeviationOfTheExampleGradients() {
        // at w = b = 0, example i has gradient (2(0 − y)x, 2(0 − y)) = (−2x², −2x)
        double[][] g = {{0, 0}, {-2, -2}, {-8, -4}, {-18, -6}};
        double mw = (0 - 2 - 8 - 18) / 4.0;
        double mb = (0 - 2 - 4 - 6) / 4.0;
        double expected = 0;
        for (double[] gi : g) {
            expected += (gi[0] - mw) * (gi[0] - mw) + (gi[1] - mb) * (gi[1] - mb);
        }
        expected /= 4;
        Tol.assertClose(expected, GradientNoise.of(LinearRegression.of(LINE)).perExampleVariance(new double[2]), 1e-12,
                "tr Σ");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void measuredNoiseMatchesTheFiniteSampleFormulaOnASmallDataSet(int batch) {
        var noise = GradientNoise.of(LinearRegression.of(LINE)).samples(20_000);
        double trace = noise.perExampleVariance(new double[2]);
        Tol.assertClose(noise.predicted(trace, batch), noise.measured(new double[2], batch), 0.05, "batch " + batch);
    }

    @Test
    void theWholeDataSetAsOneBatchHasNoNoise() {
        var noise = GradientNoise.of(LinearRegression.of(LINE));
        assertEquals(0.0, noise.predicted(noise.perExampleVariance(new double[2]), 4));
        assertEquals(0.0, noise.measured(new double[2], 4), 1e-24);
    }

    @Test
    void onTheDigitsNetworkNoiseFallsLikeOneOverTheBatch() {
        var digits = Datasets.digits().split(0.8, 0).standardize();
        var mlp = Mlp.of(digits.train(), 32);
        Table t = GradientNoise.of(mlp).table(mlp.initialParams(0), 8, 64, 512);
        for (int i = 0; i < t.rowCount(); i++) {
            Tol.assertClose(1.0, t.doubleColumn("ratio").get(i), 0.15, "measured / predicted at batch "
                    + t.intColumn("batch").get(i));
        }
        assertTrue(t.doubleColumn("measured").get(0) > 40 * t.doubleColumn("measured").get(2), "64 times the batch");
    }

    @Test
    void badBatchSizesNameTheValidRange() {
        var noise = GradientNoise.of(LinearRegression.of(LINE));
        var e = assertThrows(IllegalArgumentException.class, () -> noise.measured(new double[2], 5));
        assertTrue(e.getMessage().contains("[1, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> noise.measured(new double[3], 2));
        assertThrows(IllegalArgumentException.class, () -> noise.samples(1));
        assertThrows(IllegalArgumentException.class, () -> noise.table(new double[2]));
    }
}
