package lrlab.data;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.model.LinearRegression;
import org.junit.jupiter.api.Test;

class SyntheticLinearTest {

    private final Dataset data = Datasets.linear(2000, 5, 0.5, 7);

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        assertArrayEquals(data.targets(), Datasets.linear(2000, 5, 0.5, 7).targets());
        assertTrue(data.targets()[0] != Datasets.linear(2000, 5, 0.5, 8).targets()[0]);
        assertEquals(2000, data.rows());
        assertEquals(5, data.features());
    }

    @Test
    void theBestMeanSquaredErrorIsAboutTheNoiseVariance() {
        var model = LinearRegression.of(data);
        assertClose(0.25, model.minimumLoss(), 0.1, 0, "sigma^2 = 0.25");
        double[] g = model.gradient(model.minimizer());
        for (double v : g) {
            assertEquals(0.0, v, 1e-12, "the gradient vanishes at the least-squares fit");
        }
    }

    @Test
    void theCurvaturesAreTheHessianOfTheMeanSquaredError() {
        var model = LinearRegression.of(data);
        var h = model.curvature();
        double[] e = h.eigenvalues();
        assertEquals(6, e.length);
        // standard normal features: H = 2 E[x x^T] is close to 2 I
        for (double v : e) {
            assertClose(2.0, v, 0.15, 0, "eigenvalue");
        }
        double[] p = model.initialParams(0);
        assertClose(model.value(p) - model.minimumLoss(), h.value(p) - h.value(model.minimizer()), 1e-9, 1e-12,
                "the quadratic form equals the MSE up to a constant");
    }

    @Test
    void badSizesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.linear(1, 3, 1, 0));
        assertEquals("rows must be >= 2, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Datasets.linear(10, 3, -1, 0));
        assertEquals("noise must be finite and >= 0, got -1.0", e.getMessage());
    }
}
