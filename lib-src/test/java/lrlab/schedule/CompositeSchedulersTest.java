package lrlab.schedule;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeSchedulersTest {

    @Test
    void sequentialRestartsNextSchedulerAtBaseLrOnTheMilestone() {
        FakeOptimizer opt = new FakeOptimizer(0.1);
        var warmup = Schedulers.linearLR(opt, 0.1, 1.0, 10);
        var cosine = Schedulers.cosineAnnealingLR(opt, 90);
        var s = Schedulers.sequentialLR(opt, List.of(warmup, cosine), 10);
        assertClose(0.01, s.lastLr(), 1e-12, 0, "warmup start (the children's construction steps undone)");
        double[] lr = ClosedFormSchedulersTest.run(s, 100);
        assertClose(0.1 * (0.1 + 0.9 * 9 / 10), lr[9], 1e-12, 0, "last warmup step");
        assertEquals(0.1, lr[10], "jump to base_lr at the milestone");
        assertClose(cosine.lrAt(5), lr[15], 1e-12, 0, "cosine counted from the milestone");
    }

    @Test
    void sequentialChecksMilestoneCountAndOptimizer() {
        FakeOptimizer opt = new FakeOptimizer(0.1);
        var a = Schedulers.linearLR(opt, 0.1, 1.0, 10);
        var b = Schedulers.cosineAnnealingLR(opt, 90);
        var e = assertThrows(IllegalArgumentException.class, () -> Schedulers.sequentialLR(opt, List.of(a, b)));
        assertTrue(e.getMessage().contains("milestones"), e.getMessage());
        var other = Schedulers.exponentialLR(new FakeOptimizer(0.1), 0.9);
        assertThrows(IllegalArgumentException.class, () -> Schedulers.sequentialLR(opt, List.of(a, other), 5));
        assertThrows(IllegalArgumentException.class, () -> Schedulers.sequentialLR(opt, List.of()));
    }

    @Test
    void chainedMultipliesTheFactors() {
        FakeOptimizer opt = new FakeOptimizer(0.1);
        var s = Schedulers.chainedScheduler(Schedulers.constantLR(opt, 0.5, 4), Schedulers.exponentialLR(opt, 0.97));
        double[] lr = ClosedFormSchedulersTest.run(s, 10);
        assertClose(0.05, lr[0], 1e-12, 0, "t=0");
        assertClose(0.1 * 0.5 * Math.pow(0.97, 3), lr[3], 1e-12, 0, "t=3");
        assertClose(0.1 * Math.pow(0.97, 4), lr[4], 1e-12, 0, "t=4, constant factor lifted");
    }

    @Test
    void chainedRejectsSchedulersOnDifferentOptimizers() {
        var a = Schedulers.exponentialLR(new FakeOptimizer(0.1), 0.9);
        var b = Schedulers.exponentialLR(new FakeOptimizer(0.1), 0.9);
        assertThrows(IllegalArgumentException.class, () -> Schedulers.chainedScheduler(a, b));
        assertThrows(IllegalArgumentException.class, () -> Schedulers.chainedScheduler());
    }

    @Test
    void schedulersPrintTheirConfiguration() {
        FakeOptimizer opt = new FakeOptimizer(0.1);
        assertEquals("StepLR(stepSize=30, gamma=0.1)", Schedulers.stepLR(opt, 30, 0.1).toString());
        assertTrue(Schedulers.oneCycleLR(new FakeOptimizer(0.1), 0.1, 100).toString().contains("phaseEnds=[29.0, 99.0]"));
    }
}
