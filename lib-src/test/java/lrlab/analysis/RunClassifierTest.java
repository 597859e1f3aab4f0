package lrlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.trace.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunClassifierTest {

    /** GD on 4/2 (w − 1.5)² from −2, recorded (bound 1e6). */
    private static Recorder run(double lr, int steps) {
        Recorder rec = Recorder.named("lr=" + lr, 1);
        double[] w = {-2.0};
        for (int t = 0; t < steps; t++) {
            double e = w[0] - 1.5;
            double loss = 2.0 * e * e;
            double g = 4.0 * e;
            double[] next = {w[0] - lr * g};
            if (!rec.record(t, lr, loss, Math.abs(g), next)) break;
            w = next;
        }
        return rec;
    }

    @ParameterizedTest
    @CsvSource({"0.1, 60, CONVERGED", "0.25, 60, CONVERGED", "0.45, 60, ZIG_ZAG", "0.5, 60, OSCILLATING",
            "0.6, 60, DIVERGING", "0.6, 10, DIVERGING", "0.0005, 60, STALLED"})
    void gradientDescentRunsAreClassifiedByTheirRegime(double lr, int steps, RunClass expected) {
        assertEquals(expected, RunClassifier.defaults().classify(run(lr, steps)));
    }

    @Test
    void nonFiniteLossIsDiverged() {
        Diagnosis d = Diagnosis.of(new double[] {1, 2, 4, Double.NaN, 8});
        assertEquals(RunClass.DIVERGING, d.verdict());
        assertEquals(3.0, d.evidence(RunClassifier.Evidence.FIRST_NON_FINITE));
        assertEquals(0.1, d.suggestedLrFactor());
    }

    @Test
    void parameterPastTheBoundIsDiverged() {
        double[] losses = {1, 0.5, 0.25};
        double[][] params = {{1}, {2e6}, {1}};
        assertEquals(RunClass.DIVERGING, RunClassifier.defaults().classify(losses, params));
    }

    @Test
    void slowlyFallingLossIsStalledWithALargerRateSuggested() {
        double[] losses = new double[100];
        for (int k = 0; k < 100; k++) losses[k] = Math.pow(0.999, k);
        Diagnosis d = Diagnosis.of(losses);
        assertEquals(RunClass.STALLED, d.verdict());
        assertEquals(10.0, d.suggestedLrFactor());
    }

    @Test
    void stalledQuadraticRunSuggestsTheOneStepFactorClippedToTen() {
        Diagnosis d = Diagnosis.of(run(0.0005, 60));
        assertEquals(RunClass.STALLED, d.verdict());
        assertEquals(1 - 0.0005 * 4, d.evidence(RunClassifier.Evidence.UPDATE_RATIO), 1e-9);
        assertEquals(10.0, d.suggestedLrFactor());
        Diagnosis mild = Diagnosis.of(run(0.03, 10));
        assertEquals(RunClass.STALLED, mild.verdict());
        assertEquals(1 / (0.03 * 4), mild.suggestedLrFactor(), 1e-6);
    }

    @Test
    void geometricDecreaseIsConvergedWithFactorOne() {
        double[] losses = new double[60];
        for (int k = 0; k < 60; k++) losses[k] = Math.pow(0.5, k);
        Diagnosis d = Diagnosis.of(losses);
        assertEquals(RunClass.CONVERGED, d.verdict());
        assertEquals(1.0, d.suggestedLrFactor());
        assertEquals(Math.log(0.5), d.evidence(RunClassifier.Evidence.LOG_LOSS_SLOPE), 1e-12);
    }

    @Test
    void swingingLossWithoutParametersIsOscillating() {
        double[] losses = new double[40];
        for (int k = 0; k < 40; k++) losses[k] = k % 2 == 0 ? 1.0 : 3.0;
        assertEquals(RunClass.OSCILLATING, RunClassifier.defaults().classify(losses));
        assertEquals(0.5, Diagnosis.of(losses).suggestedLrFactor());
    }

    @Test
    void diagnosisIsReadableAndTabulated() {
        Diagnosis d = Diagnosis.of(run(0.6, 60));
        String s = d.toString();
        assertTrue(s.contains("Verdict: DIVERGING"), s);
        assertTrue(s.contains("divide the learning rate by 10"), s);
        assertTrue(s.contains("lr 0.6 -> 0.06"), s);
        assertEquals(d.evidence().size(), d.table().rowCount());
        assertEquals(0.06, d.suggestedLr(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> d.evidence("nope"));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Diagnosis.of(new double[] {1.0}));
        assertThrows(IllegalArgumentException.class, () -> Diagnosis.of(new double[] {1, 2, 3}, new double[8][1]));
        assertThrows(IllegalArgumentException.class, () -> RunClassifier.defaults().withBound(0));
        assertThrows(IllegalArgumentException.class, () -> RunClassifier.defaults().withPlateauShare(1.5));
        assertThrows(IllegalArgumentException.class, () -> RunClassifier.defaults().withFlipThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> Diagnosis.of(Recorder.create(1)));
    }
}
