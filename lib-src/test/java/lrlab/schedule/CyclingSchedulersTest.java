package lrlab.schedule;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CyclingSchedulersTest {

    @Test
    void oneCycleIgnoresOptimizerLrAndStartsAtMaxOverDivFactor() {
        FakeOptimizer opt = new FakeOptimizer(0.5);
        opt.setMomentum(0, 0.9);
        OneCycleLR s = Schedulers.oneCycleLR(opt, 0.1, 100);
        assertClose(0.004, opt.lr(), 1e-12, 0, "initial lr");
        assertClose(0.95, opt.momentum(0), 1e-12, 0, "starts at max momentum");
        assertEquals(0.004, s.baseLr(), 1e-15);
    }

    @Test
    void oneCyclePeaksAtEndOfWarmupWithMomentumAtBase() {
        FakeOptimizer opt = new FakeOptimizer(0.5);
        OneCycleLR s = Schedulers.oneCycleLR(opt, 0.1, 100);
        for (int t = 0; t < 29; t++) {
            s.step();
        }
        assertClose(0.1, s.lastLr(), 1e-12, 0, "max lr at pct·T − 1");
        assertClose(0.85, opt.momentum(0), 1e-12, 0, "base momentum at the peak");
        for (int t = 29; t < 99; t++) {
            s.step();
        }
        assertClose(0.004 / 1e4, s.lastLr(), 1e-9, 0, "min lr = initial / finalDivFactor at T − 1");
    }

    @Test
    void oneCycleAllowsExactlyTotalStepsThenThrowsIllegalState() {
        OneCycleLR s = OneCycleLR.builder(0.1, 100).linear().build(new FakeOptimizer(0.5));
        for (int t = 0; t < 100; t++) {
            s.step();
        }
        assertTrue(s.lastLr() < 0, "linear extrapolates below zero after the final step, as torch");
        IllegalStateException e = assertThrows(IllegalStateException.class, s::step);
        assertTrue(e.getMessage().contains("totalSteps is 100"), e.getMessage());
    }

    @Test
    void oneCycleThreePhaseHoldsMomentumAtMaxInLastPhase() {
        FakeOptimizer opt = new FakeOptimizer(0.5);
        OneCycleLR s = OneCycleLR.builder(0.1, 100).threePhase(true).build(opt);
        for (int t = 0; t < 58; t++) {
            s.step();
        }
        assertClose(0.004, s.lastLr(), 1e-12, 0, "back to initial at 2·pct·T − 2");
        for (int t = 58; t < 90; t++) {
            s.step();
            assertClose(0.95, opt.momentum(0), 1e-12, 0, "held at max momentum, t=" + (t + 1));
        }
    }

    @Test
    void oneCycleWithoutMomentumCyclingLeavesMomentum() {
        FakeOptimizer opt = new FakeOptimizer(0.5);
        opt.setMomentum(0, 0.3);
        OneCycleLR s = OneCycleLR.builder(0.1, 50).cycleMomentum(false).build(opt);
        s.step();
        assertEquals(0.3, opt.momentum(0));
        assertFalse(s.cyclesMomentum());
    }

    @Test
    void oneCycleOnOptimizerWithoutMomentumNeedsCycleMomentumOff() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.oneCycleLR(FakeOptimizer.withoutMomentum(0.1), 0.1, 100));
        assertTrue(e.getMessage().contains("cycleMomentum"), e.getMessage());
        OneCycleLR.builder(0.1, 100).cycleMomentum(false).build(FakeOptimizer.withoutMomentum(0.1));
    }

    @Test
    void oneCycleTakesOneMaxLrPerGroup() {
        FakeOptimizer opt = new FakeOptimizer(0.5, 0.5);
        OneCycleLR s = OneCycleLR.builder(0.1, 100).maxLrs(0.1, 0.01).build(opt);
        assertClose(0.004, opt.lr(0), 1e-12, 0, "group 0 initial");
        assertClose(0.0004, opt.lr(1), 1e-12, 0, "group 1 initial");
        assertThrows(IllegalArgumentException.class,
                () -> OneCycleLR.builder(0.1, 100).maxLrs(0.1).build(new FakeOptimizer(0.5, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> OneCycleLR.builder(0.1, 100).maxLrs(0.1, -1));
        assertEquals(2, s.lastLrs().length);
    }

    @Test
    void cyclicOverwritesLrWithBaseLrAndTurnsMomentumOn() {
        FakeOptimizer opt = new FakeOptimizer(0.1);
        CyclicLR s = Schedulers.cyclicLR(opt, 0.001, 0.006, 20);
        assertEquals(0.001, opt.lr());
        assertEquals(0.9, opt.momentum(0), "max momentum at the lr trough");
        for (int t = 0; t < 20; t++) {
            s.step();
        }
        assertClose(0.006, opt.lr(), 1e-12, 0, "peak after stepSizeUp");
        assertClose(0.8, opt.momentum(0), 1e-12, 0, "base momentum at the lr peak");
        for (int t = 20; t < 40; t++) {
            s.step();
        }
        assertClose(0.001, opt.lr(), 1e-12, 0, "back to base after a cycle");
    }

    @Test
    void cyclicWithMomentumCyclingOnOptimizerWithoutMomentumThrows() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.cyclicLR(FakeOptimizer.withoutMomentum(0.1), 0.001, 0.006, 20));
        assertTrue(e.getMessage().contains("momentum"), e.getMessage());
    }

    @Test
    void triangular2HalvesTheAmplitudeEachCycle() {
        CyclicLR s = CyclicLR.builder(0.001, 0.006).stepSizeUp(15).stepSizeDown(25)
                .mode(CyclicLR.Mode.TRIANGULAR2).cycleMomentum(false).build(new FakeOptimizer(0.1));
        assertClose(0.006, s.lrAt(15), 1e-12, 0, "first peak");
        assertClose(0.001 + 0.005 / 2, s.lrAt(55), 1e-12, 0, "second peak, half amplitude");
        assertClose(0.001 + 0.005 / 4, s.lrAt(95), 1e-12, 0, "third peak, quarter amplitude");
    }

    @Test
    void expRangeScalesByGammaToTheIteration() {
        CyclicLR s = CyclicLR.builder(0.001, 0.006).stepSizeUp(20).mode(CyclicLR.Mode.EXP_RANGE).gamma(0.99)
                .cycleMomentum(false).build(new FakeOptimizer(0.1));
        assertClose(0.001 + 0.005 * Math.pow(0.99, 60), s.lrAt(60), 1e-12, 0, "peak at t=60");
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("totalSteps", (Executable) () -> OneCycleLR.builder(0.1, 0)),
                Arguments.of("maxLr", (Executable) () -> OneCycleLR.builder(-0.1, 10)),
                Arguments.of("pctStart", (Executable) () -> OneCycleLR.builder(0.1, 10).pctStart(0.0)),
                Arguments.of("pctStart", (Executable) () -> OneCycleLR.builder(0.1, 10).pctStart(1.0)),
                Arguments.of("divFactor", (Executable) () -> OneCycleLR.builder(0.1, 10).divFactor(0)),
                Arguments.of("finalDivFactor", (Executable) () -> OneCycleLR.builder(0.1, 10).finalDivFactor(-1)),
                Arguments.of("maxMomentum", (Executable) () -> OneCycleLR.builder(0.1, 10).maxMomentum(1.0)),
                Arguments.of("empty phase", (Executable) () -> OneCycleLR.builder(0.1, 10).pctStart(0.1)
                        .build(new FakeOptimizer(0.1))),
                Arguments.of("baseLr", (Executable) () -> CyclicLR.builder(0, 0.1)),
                Arguments.of("stepSizeUp", (Executable) () -> CyclicLR.builder(0.01, 0.1).stepSizeUp(0)),
                Arguments.of("stepSizeDown", (Executable) () -> CyclicLR.builder(0.01, 0.1).stepSizeDown(-2)),
                Arguments.of("gamma", (Executable) () -> CyclicLR.builder(0.01, 0.1).gamma(0)),
                Arguments.of("mode", (Executable) () -> CyclicLR.builder(0.01, 0.1).mode(null)));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("badArguments")
    void badArgumentThrowsNamingIt(String argument, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(argument), e.getMessage());
    }
}
