package lrlab.analysis;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NoiseFloorTest {

    @Test
    void theMeasuredFloorIsTheMeanExcessOverTheTail() {
        double[] losses = {10, 8, 3, 2, 4, 2};
        assertEquals(8.0 / 3 - 1.5, NoiseFloor.measure(losses, 1.5, 0.5), 1e-15, "mean of 2, 4, 2 minus 1.5");
        assertEquals(0.5, NoiseFloor.measure(losses, 1.5, 0.1), 1e-15, "at least the last value");
    }

    @Test
    void thePredictionForOneCurvatureIsTheOneDimensionalLyapunovSolution() {
        // e <- (1 - lr l) e - lr xi, Var(xi) = 2 L* l / B: Var(e) = lr^2 q / (1 - (1 - lr l)^2), excess = l Var(e) / 2
        double lr = 0.1;
        double l = 2;
        double q = 2 * 0.9 * l / 8;
        double var = lr * lr * q / (1 - (1 - lr * l) * (1 - lr * l));
        assertClose(l * var / 2, NoiseFloor.leastSquares(lr, 8, 0.9, l), 1e-14, 0, "floor");
    }

    @Test
    void theFloorGrowsLinearlyWithTheNoiseScaleForSmallRates() {
        double small = NoiseFloor.leastSquares(1e-4, 8, 1.0, 2, 2, 2);
        assertClose(1e-4 * 1.0 * 6 / (2 * 8), small, 1e-3, 0, "lr L* tr(H) / (2B)");
        assertClose(2 * small, NoiseFloor.leastSquares(1e-4, 4, 1.0, 2, 2, 2), 1e-12, 0, "half the batch, twice the floor");
    }

    @Test
    void atOrPastTheStabilityLimitThereIsNoFloor() {
        assertEquals(Double.POSITIVE_INFINITY, NoiseFloor.leastSquares(1.0, 8, 1.0, 0.5, 2.0));
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> NoiseFloor.measure(new double[] {1}, 0, 0));
        assertEquals("tailFraction must be in (0.0, 1.0], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoiseFloor.leastSquares(0.1, 0, 1, 2));
        assertEquals("batchSize must be >= 1, got 0", e.getMessage());
    }
}
