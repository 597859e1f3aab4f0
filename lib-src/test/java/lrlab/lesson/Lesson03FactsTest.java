package lrlab.lesson;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.analysis.RateSweep;
import lrlab.objective.DoubleWell;
import lrlab.objective.Quadratic;
import lrlab.objective.QuadraticForm;
import lrlab.objective.Regime;
import lrlab.objective.Sine;
import lrlab.trace.GradientDescent;
import lrlab.trace.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.Table;

/** The facts notebook 03 (the mathematics of convergence) teaches. */
class Lesson03FactsTest {

    private final Quadratic q = Quadratic.of(4.0, 1.0);
    private final QuadraticForm form = QuadraticForm.of(new double[][] {{5.5, 4.5}, {4.5, 5.5}});

    @Test
    void limitIsTwoOverAAndOneStepRateIsOneOverA() {
        assertEquals(0.5, q.stabilityLimit(), 0.0);
        assertEquals(0.25, q.optimalLr(), 0.0);
    }

    @ParameterizedTest
    @CsvSource({"0.1, MONOTONE", "0.25, ONE_STEP", "0.4, ZIG_ZAG", "0.5, OSCILLATING", "0.6, DIVERGING"})
    void sweepFollowsTheErrorRecursionAndItsRegimes(double lr, Regime regime) {
        var result = RateSweep.onQuadratic(4.0, 1.0).from(3.0).steps(5).run(lr);
        assertClose(q.iterate(lr, 3.0, 5), result.finalW()[0], 1e-12, 1e-12, "w_5 at lr " + lr);
        assertEquals(regime, q.regime(lr));
    }

    @Test
    void eigenvaluesOfTheRotatedFormAreOneAndTen() {
        assertClose(10.0, form.L(), 1e-12, "L");
        assertClose(1.0, form.mu(), 1e-12, "mu");
        assertClose(10.0, form.conditionNumber(), 1e-12, "kappa");
        assertClose(0.2, form.stabilityLimit(), 1e-12, "2/L");
        assertClose(2.0 / 11.0, form.optimalLr(), 1e-12, "2/(L+mu)");
    }

    @Test
    void bestConstantRateBeatsTheSafeRateAndTheEdge() {
        Table t = Lessons.iterationsToTolerance(GradientDescent.on(form).from(2.0, -1.0).steps(500), 1e-6,
                form.minimizer(), 1 / form.L(), form.optimalLr(), 0.95 * form.stabilityLimit(),
                1.05 * form.stabilityLimit());
        int safe = t.intColumn("iterations").get(0);
        int best = t.intColumn("iterations").get(1);
        int edge = t.intColumn("iterations").get(2);
        assertTrue(best > 0 && best < safe && best < edge, "best " + best + ", safe " + safe + ", edge " + edge);
        assertEquals(-1, t.intColumn("iterations").get(3));
        assertEquals("yes", t.stringColumn("diverged").get(3));
    }

    @Test
    void oneOverLAndJustUnderTwoOverLShareTheWorstFactorAndTheEdgeNeedsFewerIterations() {
        Table t = Lessons.factorsAndIterations(form, GradientDescent.on(form).from(2.0, -1.0).steps(500), 1e-6,
                1 / form.L(), form.optimalLr(), 0.95 * form.stabilityLimit(), 1.05 * form.stabilityLimit());
        assertClose(0.9, t.doubleColumn("worst").get(0), 1e-12, "worst factor at 1/L");
        assertClose(0.9, t.doubleColumn("worst").get(2), 1e-12, "worst factor at 0.95 * 2/L");
        assertClose(0.0, t.doubleColumn("factor_L").get(0), 0, 1e-15, "the stiff direction is done at 1/L");
        assertClose(0.81, t.doubleColumn("factor_mu").get(2), 1e-12, "the flat direction at 0.19");
        assertClose(9.0 / 11, t.doubleColumn("worst").get(1), 1e-12, "best worst factor (kappa-1)/(kappa+1)");
        assertEquals(139, t.intColumn("iterations").get(0));
        assertEquals(73, t.intColumn("iterations").get(1));
        assertEquals(128, t.intColumn("iterations").get(2));
        assertEquals(-1, t.intColumn("iterations").get(3));
    }

    @Test
    void lIsABoundOnTheCurvatureAlongThePathNotAtTheMinimum() {
        var well = DoubleWell.tilted(0.3);
        double local = well.curvature(well.deepMinimizer());
        assertClose(8.869, local, 1e-3, "curvature at the deep minimum");
        assertEquals(44.0, well.curvature(2.0), 1e-12);
        assertTrue(0.2 < 2 / local, "0.2 is below the local edge 2/8.87");
        var gd = GradientDescent.on(well).steps(200);
        Trajectory near = gd.from(-1.2).run(0.2);
        assertFalse(near.diverged());
        assertEquals(well.deepMinimizer(), near.w(200), 1e-9);
        assertTrue(gd.from(2.0).run(0.2).diverged(), "from the wall, where the curvature is 44, it diverges");
    }

    @ParameterizedTest
    @CsvSource({"1.0, 0", "1.9, 0"})
    void onTheNonConvexSineRatesBelowTwoOverLNeverRaiseTheLoss(double lr, int expectedUps) {
        Table t = Lessons.lossRises(GradientDescent.on(Sine.create()).from(3.0).steps(40).sweep(lr));
        assertEquals(expectedUps, t.intColumn("steps_up").get(0));
    }

    @ParameterizedTest
    @CsvSource({"2.1", "2.5"})
    void onTheSineRatesAboveTwoOverLRaiseTheLoss(double lr) {
        Table t = Lessons.lossRises(GradientDescent.on(Sine.create()).from(3.0).steps(40).sweep(lr));
        assertTrue(t.intColumn("steps_up").get(0) > 0);
    }

    @Test
    void lossNeverRisesAtOneOverL() {
        Trajectory run = GradientDescent.on(form).from(2.0, -1.0).steps(100).run(1 / form.L());
        for (int t = 1; t <= run.steps(); t++) {
            assertTrue(run.loss(t) <= run.loss(t - 1), "loss rose at step " + t);
        }
    }

    @Test
    void iterationsGrowWithTheConditionNumberAsPredicted() {
        Table t = Lessons.conditioning(1e-6, 1, 2, 10, 100);
        for (int r = 0; r < t.rowCount(); r++) {
            assertEquals(t.intColumn("predicted").get(r), t.intColumn("iterations").get(r), "kappa row " + r);
        }
        for (int r = 1; r < t.rowCount(); r++) {
            assertTrue(t.intColumn("iterations").get(r) > t.intColumn("iterations").get(r - 1));
        }
        assertEquals(1, t.intColumn("iterations").get(0));
    }
}
