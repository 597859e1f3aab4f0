package lrlab.lesson;

import lrlab.objective.DoubleWell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.analysis.OvershootCriterion;
import lrlab.analysis.RateSweep;
import lrlab.objective.Quadratic;
import lrlab.objective.Regime;
import lrlab.objective.Sine;
import lrlab.trace.GradientDescent;
import lrlab.trace.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.Table;

/** The facts notebook 02 (too small, too large, just right) teaches. */
class Lesson02FactsTest {

    private final GradientDescent gd = GradientDescent.on(Quadratic.shifted(2.0)).from(0.0);

    @Test
    void iterationsToToleranceFormAValleyWithItsBottomAtOneHalf() {
        Table t = Lessons.iterationsToTolerance(gd.steps(2000), 1e-6, new double[] {2.0},
                RateSweep.linspace(0.01, 1.05, 105));
        Table reached = t.where(t.intColumn("iterations").isGreaterThanOrEqualTo(0)).sortAscendingOn("iterations");
        assertEquals(0.5, reached.doubleColumn("lr").get(0), 1e-12);
        assertEquals(1, reached.intColumn("iterations").get(0));
        int at001 = Lessons.stepsToTolerance(gd.steps(2000).run(0.01), 1e-6, 2.0);
        int at01 = Lessons.stepsToTolerance(gd.steps(2000).run(0.1), 1e-6, 2.0);
        int at09 = Lessons.stepsToTolerance(gd.steps(2000).run(0.9), 1e-6, 2.0);
        assertTrue(at001 > at01 && at01 > 1, "too small is slowest on the left: " + at001 + " vs " + at01);
        assertTrue(at09 > 1, "0.9 needs more than the one step of 0.5: " + at09);
        assertEquals(-1, Lessons.stepsToTolerance(gd.steps(2000).run(1.05), 1e-6, 2.0));
    }

    @Test
    void twentyStepsAtTheSmallRateLeaveTheIterateFarFromTheMinimum() {
        assertTrue(Math.abs(gd.steps(20).run(0.01).w(20) - 2.0) > 1.0);
        assertEquals(2.0, gd.steps(20).run(0.5).w(1), 0.0);
    }

    @Test
    void rateOneTenthAndNineTenthsShrinkTheDistanceByTheSameFactor() {
        var creep = gd.steps(20).run(0.1);
        var hop = gd.steps(20).run(0.9);
        assertEquals(creep.finalLoss(), hop.finalLoss(), 1e-12 * creep.finalLoss());
        assertTrue(creep.w(20) < 2.0 && hop.w(20) < 2.0 && hop.w(19) > 2.0, "hop crosses x* every step");
    }

    @Test
    void theChainRuleGradientOfXMinusTwoSquaredMatchesACentralDifference() {
        var f = Quadratic.shifted(2.0);
        double h = 1e-6;
        for (double x : new double[] {0.0, 1.5, 7.0}) {
            assertEquals(2 * (x - 2), f.derivative(x), 0.0, "2(x - 2) at " + x);
            assertEquals(f.derivative(x), (f.value(x + h) - f.value(x - h)) / (2 * h), 1e-6, "difference at " + x);
        }
        assertEquals(-4.0, f.derivative(0.0), 0.0);
    }

    @ParameterizedTest
    @CsvSource({"0.9, ZIG_ZAG", "1.05, DIVERGING", "0.1, MONOTONE", "0.5, ONE_STEP"})
    void theCourseTextsDistanceRuleNamesTheRegime(double lr, Regime expected) {
        assertEquals(expected, OvershootCriterion.around(2.0).regime(gd.steps(20).run(lr).ws()));
    }

    @Test
    void onTheSineTheSmallestRateIsSlowNotStuck() {
        Trajectory slow = GradientDescent.on(Sine.create()).from(1.0).steps(50).run(0.01);
        assertEquals(0.67, slow.w(50), 0.005, "crept from 1 to about 0.67 in 50 steps");
        for (int t = 1; t <= 50; t++) {
            assertTrue(slow.w(t) < slow.w(t - 1) && slow.loss(t) < slow.loss(t - 1), "every step downhill, t = " + t);
        }
        Trajectory longer = GradientDescent.on(Sine.create()).from(1.0).steps(5000).run(0.01);
        int arrives = Lessons.stepsToTolerance(longer, 0.01, -Math.PI / 2);
        assertTrue(arrives > 500 && arrives < 5000, "within 0.01 of -pi/2 after " + arrives + " steps");
    }

    @Test
    void sineFromOneReachesMinusHalfPiAtTheLargerRatesBelowTwo() {
        var sine = GradientDescent.on(Sine.create()).from(1.0).steps(50);
        double target = -Math.PI / 2;
        assertTrue(Math.abs(sine.run(0.1).w(50) - target) < 0.05);
        assertTrue(Math.abs(sine.run(0.5).w(50) - target) < 1e-12);
        assertTrue(Math.abs(sine.run(1.5).w(50) - target) < 1e-12);
        assertEquals(target, Sine.nearestMinimizer(sine.run(1.5).w(50)), 0.0);
    }

    @Test
    void sineRatesAboveTwoSettleNowhere() {
        var sine = GradientDescent.on(Sine.create()).from(1.0).steps(50);
        for (double lr : new double[] {3.0, 5.0}) {
            double w = sine.run(lr).w(50);
            assertTrue(Math.abs(w - Sine.nearestMinimizer(w)) > 0.1, "lr " + lr + " ended at " + w);
        }
        assertNotEquals(-Math.PI / 2, Sine.nearestMinimizer(sine.run(5.0).w(50)));
    }

    @Test
    void smallRatesStayInTheShallowWellAndALargerOneJumpsTheBarrier() {
        var well = DoubleWell.tilted(0.3);
        var runs = GradientDescent.on(well).from(2.0).steps(100);
        assertEquals("shallow", well.basin(runs.run(0.01).w(100)));
        assertEquals("shallow", well.basin(runs.run(0.05).w(100)));
        Trajectory big = runs.run(0.1);
        assertEquals("deep", well.basin(big.w(100)));
        assertEquals(well.deepMinimizer(), big.w(100), 1e-9);
        assertTrue(well.value(well.deepMinimizer()) < well.value(well.shallowMinimizer()));
        assertFalse(big.diverged());
    }
}
