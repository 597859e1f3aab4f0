package lrlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import lrlab.objective.Quadratic;
import lrlab.objective.Regime;
import lrlab.testutil.Oracles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OvershootCriterionTest {

    private static double[] gd(double a, double wStar, double w0, double lr, int steps) {
        double[] w = new double[steps + 1];
        w[0] = w0;
        for (int t = 0; t < steps; t++) {
            double g = a * (w[t] - wStar);
            w[t + 1] = w[t] - lr * g;
        }
        return w;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.3, 0.7, 0.99, 1.0, 1.01, 1.3, 1.7, 1.99, 2.0, 2.01, 2.5, 3.0})
    void criterionOnRecordedTrajectoryAgreesWithTheFormula(double lrTimesA) {
        // a = 4, w* = 1.5, w0 = -2 (the oracle's quadratic1d); lr = lrTimesA / 4 is exact in binary
        double lr = lrTimesA / 4.0;
        double[] w = gd(4.0, 1.5, -2.0, lr, 40);
        assertEquals(Regime.of(lr * 4.0), OvershootCriterion.around(1.5).regime(w), "lr*a=" + lrTimesA);
    }

    static List<Arguments> shiftedSquareSeeds() {
        return Oracles.cases("seed_examples.json").stream()
                .filter(a -> ((JsonNode) a.get()[1]).path("objective").path("name").asText().equals("shifted_square"))
                .collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shiftedSquareSeeds")
    void criterionOnSeedTrajectoriesAgreesWithTheOracleRegime(String id, JsonNode c) {
        JsonNode it = c.path("trace").path("iterates");
        double[] w = new double[it.size()];
        for (int i = 0; i < w.length; i++) w[i] = it.get(i).asDouble();
        double wStar = c.path("objective").path("c").asDouble();
        Regime expected = lrlab.oracle.RegimeNames.regime(c.path("analysis").path("regime").asText());
        assertEquals(expected, OvershootCriterion.around(wStar).regime(w), id);
        double lr = c.path("torch").path("args").path("lr").asDouble();
        assertEquals(expected, Quadratic.of(2.0, wStar).regime(lr), id);
    }

    @Test
    void stepsAreJudgedByDistanceToTheMinimizer() {
        OvershootCriterion c = OvershootCriterion.around(3.0);
        assertEquals(OvershootCriterion.Step.APPROACHING, c.step(7.0, 6.0));
        assertEquals(OvershootCriterion.Step.ARRIVED, c.step(7.0, 3.0));
        assertEquals(OvershootCriterion.Step.ZIG_ZAG, c.step(7.0, 0.0));
        assertEquals(OvershootCriterion.Step.OSCILLATING, c.step(7.0, -1.0));
        assertEquals(OvershootCriterion.Step.DIVERGING, c.step(7.0, -2.0));
        assertEquals(OvershootCriterion.Step.DIVERGING, c.step(7.0, 8.0));
        assertTrue(c.converging(7.0, 0.0));
        assertFalse(c.converging(7.0, -1.0));
        assertEquals(OvershootCriterion.Step.OSCILLATING, c.withRelativeTolerance(1e-9).step(7.0, -1.0000000001));
    }

    @Test
    void distanceRatiosAreTheContractionFactor() {
        double[] r = OvershootCriterion.around(1.5).distanceRatios(gd(4.0, 1.5, -2.0, 0.45, 5));
        for (double x : r) assertEquals(0.8, x, 1e-12);
    }

    @Test
    void badArgumentsAreRejected() {
        OvershootCriterion c = OvershootCriterion.around(0.0);
        assertThrows(IllegalArgumentException.class, () -> OvershootCriterion.around(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> c.withRelativeTolerance(-1));
        assertThrows(IllegalArgumentException.class, () -> c.regime(new double[] {1.0}));
        assertThrows(IllegalArgumentException.class, () -> c.regime(new double[] {0.0, 1.0}));
        assertThrows(IllegalArgumentException.class, () -> c.step(Double.NaN, 1.0));
        assertEquals(Regime.DIVERGING, c.regime(new double[] {1.0, 3.0, Double.POSITIVE_INFINITY}));
    }
}
