package lrlab.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The stability facts of gradient descent that {@link Quadratic} and {@link QuadraticForm} state, and {@link Regime}. */
class StabilityFactsTest {

    @ParameterizedTest
    @CsvSource({"0.4, MONOTONE", "0.9999999999999999, MONOTONE", "1.0, ONE_STEP", "1.0000000000000002, ZIG_ZAG",
            "1.8, ZIG_ZAG", "1.9999999999999998, ZIG_ZAG", "2.0, OSCILLATING", "2.0000000000000004, DIVERGING", "2.4, DIVERGING"})
    void regimeBoundariesAreExactlyAtOneAndTwo(double lrTimesA, Regime expected) {
        assertEquals(expected, Regime.of(lrTimesA));
    }

    @ParameterizedTest
    @CsvSource({"0.1, 2.0, MONOTONE", "0.5, 2.0, ONE_STEP", "0.9, 2.0, ZIG_ZAG", "1.0, 2.0, OSCILLATING",
            "1.1, 2.0, DIVERGING", "0.25, 4.0, ONE_STEP", "0.5, 4.0, OSCILLATING", "0.1, 10.0, ONE_STEP",
            "0.2, 10.0, OSCILLATING"})
    void regimeFromLrAndCurvatureIsDecidedOnTheDecimals(double lr, double a, Regime expected) {
        assertEquals(expected, Regime.of(lr, a));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void regimeRejectsNonPositiveOrNonFiniteProducts(double bad) {
        assertThrows(IllegalArgumentException.class, () -> Regime.of(bad));
        assertThrows(IllegalArgumentException.class, () -> Regime.of(bad, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Regime.of(0.1, bad));
    }

    static java.util.List<org.junit.jupiter.params.provider.Arguments> seedCases() {
        return lrlab.testutil.Oracles.cases("seed_examples.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedCases")
    void stabilityFactsMatchTheOracleAnalysis(String id, JsonNode c) {
        JsonNode an = c.path("analysis");
        double lr = c.path("torch").path("args").path("lr").asDouble();
        Quadratic q = Quadratic.of(an.has("a") ? an.path("a").asDouble() : 1.0);   // sin: f'' = 1 at the minimum
        Tol.assertClose(an.path("stability_limit_lr").asDouble(), q.stabilityLimit(), 1e-15, id);
        Tol.assertClose(an.path("optimal_lr").asDouble(), q.optimalLr(), 1e-15, id);
        Tol.assertClose(an.path("contraction_factor").asDouble(), q.contractionFactor(lr), 1e-12, 1e-15, id);
        assertEquals(lrlab.oracle.RegimeNames.regime(an.path("regime").asText()), q.regime(lr), id);
    }

    @Test
    void iterationsToToleranceMatchesTheSimulatedRun() {
        Quadratic q = Quadratic.of(2.0, 3.0);
        for (double lr : new double[] {0.01, 0.1, 0.3, 0.7, 0.9, 0.95}) {
            double tol = 1e-6;
            double w = 7.0;
            int t = 0;
            double r = q.contractionFactor(lr);
            double d = 4.0;
            while (d > tol) {
                d *= Math.abs(r);
                t++;
            }
            assertEquals(t, q.iterationsToTolerance(lr, 7.0, tol), "lr=" + lr);
            Tol.assertClose(3.0 + Math.pow(r, t) * 4.0, q.iterate(lr, w, t), 1e-9, 1e-12, "iterate lr=" + lr);
        }
        assertEquals(1.0, q.iterationsToTolerance(0.5, 7.0, 1e-9));
        assertEquals(0.0, q.iterationsToTolerance(0.1, 3.0, 1e-9));
        assertEquals(Double.POSITIVE_INFINITY, q.iterationsToTolerance(1.0, 7.0, 1e-9));
        assertEquals(Double.POSITIVE_INFINITY, q.iterationsToTolerance(1.1, 7.0, 1e-9));
    }

    @Test
    void quadraticRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Quadratic.of(0.0));
        assertThrows(IllegalArgumentException.class, () -> Quadratic.of(2.0, Double.NaN));
        Quadratic q = Quadratic.of(2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.contractionFactor(-0.1));
        assertEquals("lr must be finite and > 0, got -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> q.iterationsToTolerance(0.1, 1.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> q.iterate(0.1, 1.0, -1));
    }

    @Test
    void quadraticFormFactsFollowFromTheEigenvalues() {
        QuadraticForm s = QuadraticForm.of(new double[][] {{10, 0}, {0, 1}});   // EJML: eigenvalues to rounding
        Tol.assertClose(1.0, s.mu(), 1e-14, "mu");
        Tol.assertClose(10.0, s.L(), 1e-14, "L");
        Tol.assertClose(10.0, s.conditionNumber(), 1e-14, "kappa");
        Tol.assertClose(0.2, s.stabilityLimit(), 1e-14, "2/L");
        Tol.assertClose(2.0 / 11.0, s.optimalLr(), 1e-14, "optimal");
        Tol.assertClose(9.0 / 11.0, s.optimalContraction(), 1e-14, "contraction");
        Tol.assertClose(s.optimalContraction(), s.spectralRadius(s.optimalLr()), 1e-14, "contraction at optimum");
        double[] f = s.contractionFactors(0.15);
        Tol.assertClose(0.85, f[0], 1e-14, "flat direction");
        Tol.assertClose(-0.5, f[1], 1e-14, "stiff direction");
        assertEquals(Regime.ZIG_ZAG, s.regime(0.15));
        assertEquals(Regime.DIVERGING, s.regime(0.21));
        assertEquals(Regime.MONOTONE, s.regimes(0.15)[0]);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.3, 0.5, 0.9, 1.2})
    void inOneDimensionTheFormAndTheQuadraticStateTheSameFacts(double lr) {
        Quadratic q = Quadratic.of(2.0, 0.0);
        QuadraticForm f = QuadraticForm.of(new double[][] {{2.0}});
        assertEquals(q.stabilityLimit(), f.stabilityLimit());
        assertEquals(q.optimalLr(), f.optimalLr());
        assertEquals(q.contractionFactor(lr), f.contractionFactors(lr)[0]);
        assertEquals(Math.abs(q.contractionFactor(lr)), f.spectralRadius(lr));
        assertEquals(q.regime(lr), f.regime(lr));
    }

    @Test
    void quadraticFormFromMatrixMatchesTheOracle() {
        // optimizers.json quadratic2d: A = [[10,2],[2,1]]
        QuadraticForm s = QuadraticForm.of(new double[][] {{10, 2}, {2, 1}});
        double disc = Math.sqrt(81 + 16);
        Tol.assertClose((11 - disc) / 2, s.mu(), 1e-12, "mu");
        Tol.assertClose((11 + disc) / 2, s.L(), 1e-12, "L");
        Tol.assertClose(2.0 / 11.0, s.optimalLr(), 1e-12, "2/(L+mu) = 2/trace");
    }

    @Test
    void quadraticFormAcceptsRoundingLevelAsymmetryAndStoresTheSymmetricPart() {
        double off = 0.1 * 3;   // 0.30000000000000004
        QuadraticForm s = QuadraticForm.of(new double[][] {{1, off}, {0.3, 1}});
        assertEquals(s.matrix().get(0, 1), s.matrix().get(1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuadraticForm.of(new double[][] {{1, 0.5}, {0.3, 1}}));
        assertEquals("A must be symmetric, got A[1][0] = 0.3 but A[0][1] = 0.5", e.getMessage());
    }

    @Test
    void quadraticFormRejectsBadMatrices() {
        assertThrows(IllegalArgumentException.class, () -> QuadraticForm.of(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> QuadraticForm.of(new double[][] {{1, 2}, {0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> QuadraticForm.of(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> QuadraticForm.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
        assertThrows(IllegalStateException.class, () -> QuadraticForm.of(new double[][] {{1, 2}, {2, 1}}).optimalLr());
        assertThrows(IllegalArgumentException.class, () -> QuadraticForm.of(new double[][] {{1}}).contractionFactors(0));
    }
}
