package lrlab.analysis;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.Table;

class MomentumStabilityTest {

    private final MomentumStability onFour = MomentumStability.of(4.0);

    @ParameterizedTest
    @CsvSource({"0.0, 0.5, 0.5", "0.5, 0.75, 0.375", "0.9, 0.95, 0.3392857142857143"})
    void limitsAreTwoOnePlusBetaOverAAndForNesterovDividedByOnePlusTwoBeta(double beta, double heavy, double nesterov) {
        assertClose(heavy, onFour.stabilityLimit(beta), 1e-15, 0, "2(1 + beta)/a");
        assertClose(nesterov, onFour.nesterovStabilityLimit(beta), 1e-15, 0, "2(1 + beta)/((1 + 2 beta) a)");
    }

    @ParameterizedTest
    @CsvSource({"0.0", "0.3", "0.9", "0.99"})
    void theSpectralRadiusCrossesOneExactlyAtTheLimit(double beta) {
        double heavy = onFour.stabilityLimit(beta);
        double nesterov = onFour.nesterovStabilityLimit(beta);
        assertTrue(onFour.contractionFactor(0.99 * heavy, beta) < 1);
        assertTrue(onFour.contractionFactor(1.01 * heavy, beta) > 1);
        assertTrue(onFour.nesterovContractionFactor(0.99 * nesterov, beta) < 1);
        assertTrue(onFour.nesterovContractionFactor(1.01 * nesterov, beta) > 1);
    }

    @Test
    void withoutMomentumTheFactorIsPlainDescents() {
        assertClose(Math.abs(1 - 0.4 * 4), onFour.contractionFactor(0.4, 0), 1e-15, 0, "|1 - lr a|");
        assertClose(Math.abs(1 - 0.1 * 4), onFour.nesterovContractionFactor(0.1, 0), 1e-15, 0, "|1 - lr a|");
    }

    @ParameterizedTest
    @CsvSource({"false, 0.9", "false, 0.5", "true, 0.9", "true, 0.5"})
    void runsOfTheLibrarysSgdAgreeWithTheFormulaOnBothSides(boolean nesterov, double beta) {
        double limit = nesterov ? onFour.nesterovStabilityLimit(beta) : onFour.stabilityLimit(beta);
        assertTrue(onFour.stableInRun(0.95 * limit, beta, nesterov, 2000), "just below the limit");
        assertFalse(onFour.stableInRun(1.05 * limit, beta, nesterov, 2000), "just above the limit");
    }

    @Test
    void aRunExactlyAtThePlainLimitOscillatesAndIsNotStable() {
        assertFalse(onFour.stableInRun(0.5, 0.0, false, 100));
    }

    @Test
    void theRegionTableComparesEveryPair() {
        Table t = MomentumStability.of(1.0).region(new double[] {0.5, 3.0, 3.9}, new double[] {0.0, 0.9}, false, 500);
        assertEquals(6, t.rowCount());
        assertEquals("unstable", t.stringColumn("measured").get(1), "lr 3 at beta 0 is past 2/a");
        assertEquals("stable", t.stringColumn("measured").get(4), "lr 3 at beta 0.9 is inside 3.8/a");
        assertEquals("unstable", t.stringColumn("predicted").get(5), "lr 3.9 at beta 0.9");
        assertTrue(t.stringColumn("agree").asList().stream().allMatch("yes"::equals));
    }

    @Test
    void theEffectiveRateIsLrOverOneMinusBeta() {
        assertClose(1.0, MomentumStability.effectiveLr(0.1, 0.9), 1e-14, 0, "0.1/(1 - 0.9)");
        var e = assertThrows(IllegalArgumentException.class, () -> MomentumStability.effectiveLr(0.1, 1.0));
        assertEquals("beta must be in [0, 1), got 1.0", e.getMessage());
    }

    @Test
    void polyaksTuningOfTheHeavyBallUsesTheSquareRootOfKappa() {
        var s = lrlab.objective.QuadraticForm.of(new double[][] {{100, 0}, {0, 1}});
        assertClose(9.0 / 11, s.heavyBallContraction(), 1e-15, 0, "(sqrt(kappa) - 1)/(sqrt(kappa) + 1)");
        assertClose(81.0 / 121, s.heavyBallMomentum(), 1e-15, 0, "beta");
        assertClose(4.0 / 121, s.heavyBallLr(), 1e-15, 0, "4/(sqrt(L) + sqrt(mu))^2");
        assertClose(9.0 / 11, MomentumStability.of(100).contractionFactor(s.heavyBallLr(), s.heavyBallMomentum()),
                1e-7, 0, "the stiffest direction contracts at the tuned rate");
    }
}
