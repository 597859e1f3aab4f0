package lrlab.schedule;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import lrlab.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClosedFormSchedulersTest {

    /** lr_t for t = 0..n−1 as recorded in the torch loop. */
    static double[] run(Scheduler s, int n) {
        double[] lr = new double[n];
        for (int t = 0; t < n; t++) {
            lr[t] = s.lastLr();
            s.step();
        }
        return lr;
    }

    static Stream<Arguments> chainable() {
        return Stream.of(
                Arguments.of("StepLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.stepLR(o, 7, 0.3)),
                Arguments.of("MultiStepLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.multiStepLR(o, 0.5, 5, 9, 9, 20)),
                Arguments.of("ExponentialLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.exponentialLR(o, 0.9)),
                Arguments.of("CosineAnnealingLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.cosineAnnealingLR(o, 13, 0.01)),
                Arguments.of("CosineAnnealingWarmRestarts", (Function<Optimizer, LrScheduler>) o -> Schedulers.cosineAnnealingWarmRestarts(o, 5, 2, 0.001)),
                Arguments.of("LinearLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.linearLR(o, 0.2, 0.9, 17)),
                Arguments.of("ConstantLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.constantLR(o, 0.4, 6)),
                Arguments.of("PolynomialLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.polynomialLR(o, 30, 1.5)),
                Arguments.of("LambdaLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.linearWarmup(o, 8)),
                Arguments.of("MultiplicativeLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.multiplicativeLR(o, t -> 0.99)),
                Arguments.of("OneCycleLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.oneCycleLR(o, 0.1, 80)),
                Arguments.of("CyclicLR", (Function<Optimizer, LrScheduler>) o -> Schedulers.cyclicLR(o, 0.01, 0.1, 10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainable")
    void steppedLrMatchesClosedFormLrAt(String name, Function<Optimizer, LrScheduler> make) {
        LrScheduler s = make.apply(new FakeOptimizer(0.2));
        double[] lr = run(s, 80);
        for (int t = 0; t < lr.length; t++) {
            assertClose(s.lrAt(t), lr[t], 1e-12, 1e-15, name + " t=" + t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainable")
    void eachParamGroupKeepsItsOwnBaseLr(String name, Function<Optimizer, LrScheduler> make) {
        if (name.equals("OneCycleLR") || name.equals("CyclicLR")) {
            return; // these two overwrite every group's lr from their own arguments
        }
        FakeOptimizer opt = new FakeOptimizer(0.2, 0.02);
        LrScheduler s = make.apply(opt);
        assertEquals(0.02, s.baseLrs()[1]);
        for (int t = 0; t < 40; t++) {
            double[] lrs = s.lastLrs();
            assertClose(s.lrAt(1, t), lrs[1], 1e-12, 1e-16, name + " t=" + t);
            assertEquals(lrs[1], opt.lr(1));
            s.step();
        }
    }

    @Test
    void constructionAppliesStepZero() {
        FakeOptimizer opt = new FakeOptimizer(0.1);
        Scheduler s = Schedulers.linearLR(opt, 0.25, 1.0, 20);
        assertEquals(0, s.lastEpoch());
        assertClose(0.025, opt.lr(), 1e-15, 0, "LinearLR starts at lr·startFactor");
        assertClose(0.01, Schedulers.linearWarmup(new FakeOptimizer(0.1), 10).lastLr(), 1e-15, 0,
                "the warmup's first step already moves, at base/W");
        assertClose(0.05, Schedulers.constantLR(new FakeOptimizer(0.1), 0.5, 10).lastLr(), 1e-15, 0, "ConstantLR");
    }

    @Test
    void stepLRDecaysEveryStepSize() {
        double[] lr = run(Schedulers.stepLR(new FakeOptimizer(0.1), 30, 0.1), 91);
        assertEquals(0.1, lr[29]);
        assertClose(0.01, lr[30], 1e-14, 0, "t=30");
        assertClose(0.001, lr[60], 1e-14, 0, "t=60");
        assertClose(1e-4, lr[90], 1e-14, 0, "t=90");
    }

    @Test
    void multiStepLRAppliesGammaOncePerRepeatedMilestone() {
        double[] lr = run(Schedulers.multiStepLR(new FakeOptimizer(0.1), 0.3, 25, 50, 50, 80), 81);
        assertClose(0.1 * 0.3, lr[49], 1e-14, 0, "before 50");
        assertClose(0.1 * 0.3 * 0.3 * 0.3, lr[50], 1e-14, 0, "x gamma^2 at 50");
        assertClose(0.1 * Math.pow(0.3, 4), lr[80], 1e-14, 0, "at 80");
    }

    @Test
    void exponentialLRIsBaseTimesGammaToT() {
        double[] lr = run(Schedulers.exponentialLR(new FakeOptimizer(0.1), 0.95), 50);
        assertClose(0.1 * Math.pow(0.95, 49), lr[49], 1e-13, 0, "t=49");
    }

    @Test
    void cosineAnnealingReachesEtaMinAtTMaxAndClimbsBackAtTwiceTMax() {
        double[] lr = run(Schedulers.cosineAnnealingLR(new FakeOptimizer(0.1), 50), 151);
        assertEquals(0.0, lr[50], "exact zero at the bottom");
        assertClose(0.1, lr[100], 1e-12, 0, "back to base_lr at 2·T_max");
        assertEquals(0.0, lr[150], 1e-15, "bottom again at 3·T_max");
        assertClose(lr[49], lr[51], 1e-12, 1e-16, "symmetric about T_max");
    }

    @Test
    void warmRestartsRestartAtT0TimesGeometricSums() {
        double[] lr = run(Schedulers.cosineAnnealingWarmRestarts(new FakeOptimizer(0.1), 10, 2, 0.001), 71);
        for (int restart : new int[] {0, 10, 30, 70}) {
            assertClose(0.1, lr[restart], 1e-15, 0, "restart at " + restart);
        }
        assertTrue(lr[29] < lr[30] && lr[9] < lr[10]);
    }

    @Test
    void polynomialLRIsExactlyZeroFromTotalItersOn() {
        double[] lr = run(Schedulers.polynomialLR(new FakeOptimizer(0.1), 60, 2.0), 100);
        assertEquals(0.0, lr[60]);
        assertEquals(0.0, lr[99]);
        assertClose(0.1 * 0.25, lr[30], 1e-12, 0, "half way, power 2");
    }

    @Test
    void multiplicativeLRMultipliesByFactorOfStep() {
        double[] lr = run(Schedulers.multiplicativeLR(new FakeOptimizer(1.0), t -> 0.5), 4);
        assertEquals(1.0, lr[0]);
        assertEquals(0.125, lr[3]);
    }

    @Test
    void lambdaLRAcceptsAnyFactorOfTheStep() {
        double[] lr = run(Schedulers.lambdaLR(new FakeOptimizer(0.2), t -> 1.0 / (t + 1)), 4);
        assertClose(0.05, lr[3], 1e-15, 0, "0.2/4");
    }

    static Stream<Arguments> badArguments() {
        FakeOptimizer o = new FakeOptimizer(0.1);
        return Stream.of(
                Arguments.of("gamma", (Executable) () -> Schedulers.stepLR(o, 10, 0.0)),
                Arguments.of("gamma", (Executable) () -> Schedulers.stepLR(o, 10, -0.1)),
                Arguments.of("stepSize", (Executable) () -> Schedulers.stepLR(o, 0, 0.1)),
                Arguments.of("gamma", (Executable) () -> Schedulers.exponentialLR(o, Double.NaN)),
                Arguments.of("milestones", (Executable) () -> Schedulers.multiStepLR(o, 0.1)),
                Arguments.of("milestones", (Executable) () -> Schedulers.multiStepLR(o, 0.1, -3, 5)),
                Arguments.of("tMax", (Executable) () -> Schedulers.cosineAnnealingLR(o, 0)),
                Arguments.of("etaMin", (Executable) () -> Schedulers.cosineAnnealingLR(o, 10, -1e-3)),
                Arguments.of("t0", (Executable) () -> Schedulers.cosineAnnealingWarmRestarts(o, 0, 2, 0)),
                Arguments.of("tMult", (Executable) () -> Schedulers.cosineAnnealingWarmRestarts(o, 5, 0, 0)),
                Arguments.of("startFactor", (Executable) () -> Schedulers.linearLR(o, 0.0, 1.0, 10)),
                Arguments.of("endFactor", (Executable) () -> Schedulers.linearLR(o, 0.5, 1.5, 10)),
                Arguments.of("totalIters", (Executable) () -> Schedulers.linearLR(o, 0.5, 1.0, 0)),
                Arguments.of("factor", (Executable) () -> Schedulers.constantLR(o, 1.5, 10)),
                Arguments.of("totalIters", (Executable) () -> Schedulers.constantLR(o, 0.5, -1)),
                Arguments.of("power", (Executable) () -> Schedulers.polynomialLR(o, 10, 0.0)),
                Arguments.of("totalIters", (Executable) () -> Schedulers.polynomialLR(o, 0, 1.0)),
                Arguments.of("factor function", (Executable) () -> Schedulers.lambdaLR(o, null)),
                Arguments.of("factor function", (Executable) () -> Schedulers.multiplicativeLR(o, null)),
                Arguments.of("warmup", (Executable) () -> Schedulers.linearWarmup(o, 0)),
                Arguments.of("optimizer", (Executable) () -> Schedulers.exponentialLR(null, 0.9)));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("badArguments")
    void badArgumentThrowsNamingIt(String argument, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(argument), e.getMessage());
    }

    @Test
    void gammaMessageStatesValueAndRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> Schedulers.exponentialLR(new FakeOptimizer(0.1), -0.5));
        assertEquals("gamma must be finite and > 0, got -0.5", e.getMessage());
    }

    @Test
    void lrAtRejectsNegativeStep() {
        var s = Schedulers.stepLR(new FakeOptimizer(0.1), 3, 0.5);
        assertThrows(IllegalArgumentException.class, () -> s.lrAt(-1));
        assertThrows(IllegalArgumentException.class, () -> s.lrAt(2, 0));
    }

    @Test
    void secondSchedulerTakesBaseLrFromInitialLrNotScheduledLr() {
        FakeOptimizer opt = new FakeOptimizer(0.1);
        Schedulers.linearLR(opt, 0.2, 1.0, 10);
        StepLR step = Schedulers.stepLR(opt, 30, 0.5);
        assertEquals(0.1, step.baseLr());
        assertEquals(List.of(0.1), List.of(step.baseLrs()[0]));
    }
}
