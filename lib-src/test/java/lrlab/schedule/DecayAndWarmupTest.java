package lrlab.schedule;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import lrlab.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.Table;

class DecayAndWarmupTest {

    @ParameterizedTest
    @CsvSource({"0, 0.25", "1, 0.5", "2, 0.75", "3, 1.0", "4, 1.0", "100, 1.0"})
    void linearWarmupStartsAtOneOverWAndReachesOneAtItsLastStep(int t, double expected) {
        assertEquals(expected, LambdaLR.linearWarmup(4).applyAsDouble(t), 1e-15);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.0", "1, 0.25", "3, 0.75", "4, 1.0"})
    void warmupFromZeroIsTheTorchLambdaWhoseFirstStepIsANoOp(int t, double expected) {
        assertEquals(expected, LambdaLR.linearWarmupFromZero(4).applyAsDouble(t), 1e-15);
    }

    @Test
    void aWarmupOfOneStepIsNoWarmup() {
        assertEquals(1.0, LambdaLR.linearWarmup(1).applyAsDouble(0));
    }

    @ParameterizedTest
    @CsvSource({"0, 1.0", "10, 0.5", "30, 0.25", "990, 0.01"})
    void inverseTimeHalvesAtTau(int t, double expected) {
        assertClose(expected, LambdaLR.inverseTime(10).applyAsDouble(t), 1e-14, 0, "1/(1 + t/10) at " + t);
    }

    @ParameterizedTest
    @CsvSource({"0, 1.0", "30, 0.5", "990, 0.1"})
    void inverseSqrtFallsLikeOneOverRootT(int t, double expected) {
        assertClose(expected, LambdaLR.inverseSqrt(10).applyAsDouble(t), 1e-14, 0, "1/sqrt(1 + t/10) at " + t);
    }

    @Test
    void decaysRejectANonPositiveTau() {
        var e = assertThrows(IllegalArgumentException.class, () -> LambdaLR.inverseTime(0));
        assertEquals("tau must be finite and > 0, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LambdaLR.inverseSqrt(Double.NaN));
    }

    @Test
    void schedulersApplyTheDecayToTheBaseRate() {
        var s = Schedulers.inverseTimeDecay(new FakeOptimizer(0.2), 5);
        for (int t = 0; t < 5; t++) {
            s.step();
        }
        assertClose(0.1, s.lastLr(), 1e-15, 0, "0.2/(1 + 5/5)");
        assertClose(0.2 / Math.sqrt(3), Schedulers.inverseSqrtDecay(new FakeOptimizer(0.2), 5).lrAt(10), 1e-15, 0,
                "0.2/sqrt(1 + 10/5)");
    }

    @Test
    void partialSumsAddTheRatesAndTheirSquares() {
        Map<String, Function<Optimizer, ? extends Scheduler>> m = new LinkedHashMap<>();
        m.put("constant", o -> Schedulers.lambdaLR(o, t -> 1.0));
        m.put("halving", o -> Schedulers.exponentialLR(o, 0.5));
        Table t = LrCurve.sums(0.1, m, 1, 10, 1000);
        assertEquals(6, t.rowCount());
        assertClose(100.0, t.doubleColumn("sum_lr").get(2), 1e-12, 0, "1000 x 0.1");
        assertClose(10.0, t.doubleColumn("sum_lr_squared").get(2), 1e-12, 0, "1000 x 0.01");
        assertClose(0.2, t.doubleColumn("sum_lr").get(5), 1e-12, 0, "0.1 (1 + 1/2 + 1/4 + ...)");
        assertClose(0.1 * 0.1 * 4 / 3, t.doubleColumn("sum_lr_squared").get(5), 1e-12, 0, "0.01 (1 + 1/4 + ...)");
        assertEquals(10, t.intColumn("steps").get(4));
    }

    @Test
    void partialSumsNeedIncreasingHorizons() {
        Map<String, Function<Optimizer, ? extends Scheduler>> m = Map.of("c", o -> Schedulers.lambdaLR(o, t -> 1.0));
        var e = assertThrows(IllegalArgumentException.class, () -> LrCurve.sums(0.1, m, 10, 10));
        assertEquals("horizons must increase, got 10 then 10", e.getMessage());
    }
}
