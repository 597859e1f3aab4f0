package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.analysis.RateSweep;
import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.find.LrFinder;
import lrlab.find.LrFinderResult;
import lrlab.model.Mlp;
import lrlab.optim.Optimizers;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The facts notebook 07b (from the finder to one cycle) states, on the digits network with SGD, momentum 0.9,
 * 5 epochs of batches of 32.
 */
class Lesson07bFactsTest {

    private static final Split DIGITS = Datasets.digits().split(0.8, 0).standardize();
    private static final Mlp MLP = Mlp.of(DIGITS.train(), 32);
    private static final OneCycleRecipe RECIPE = OneCycleRecipe.on(MLP, DIGITS.validation()).epochs(5).momentum(0.9);
    private static final LrFinderResult FOUND = RECIPE.finder();
    private static final double MAX = FOUND.minimumOverTen();
    private static final Table SWEEP = RECIPE.sweep(RateSweep.logspace(0.003, 1, 6));

    private static double sweep(String run, int i, String column) {
        return SWEEP.where(SWEEP.stringColumn("run").isEqualTo(run)).doubleColumn(column).getDouble(i);
    }

    @Test
    void withMomentumTheFindersMinimumIsNearOneAndItsPeakAThirdOfPlainSgds() {
        Tol.assertClose(0.9, MAX * 10, 0.1, "the smoothed minimum");
        LrFinderResult plain = LrFinder.of(MLP, Optimizers.sgd(0.1).build()).range(1e-5, 10).iterations(100)
                .run(MLP.initialParams(0));
        double ratio = plain.minimumOverTen() / MAX;
        assertTrue(ratio > 2.5 && ratio < 3.5, "plain SGD's minimum/10 over momentum's " + ratio);
    }

    @Test
    void theCycleRisesOverAQuarterOfTheStepsWithMomentumMovingTheOtherWay() {
        Table curve = RECIPE.schedule(MAX);
        assertEquals(225, curve.rowCount());
        int peak = 0;
        for (int i = 0; i < curve.rowCount(); i++) {
            peak = curve.doubleColumn("lr").get(i) > curve.doubleColumn("lr").get(peak) ? i : peak;
        }
        assertEquals(55, peak, "the peak at 25% of 225 steps (torch's phase end 0.25·T − 1)");
        Tol.assertClose(MAX / 25, curve.doubleColumn("lr").get(0), 1e-12, "start at max/25");
        Tol.assertClose(0.95, curve.doubleColumn("momentum").get(0), 1e-12, "momentum starts high");
        Tol.assertClose(0.85, curve.doubleColumn("momentum").get(peak), 1e-4, "momentum lowest at the peak");
        double last = curve.doubleColumn("lr").get(curve.rowCount() - 1);
        assertTrue(last < MAX / 1e4, "the last rate is far below the peak: " + last);
    }

    @Test
    void theEffectiveStepPeaksNearPointSixBelowTheConstantRunsPointNine() {
        Table curve = RECIPE.schedule(MAX);
        double peak = curve.doubleColumn("effective_step").max();
        Tol.assertClose(MAX / 0.15, peak, 0.02, "η_max/(1 − 0.85)");
        Tol.assertClose(0.6, peak, 0.1, "about 0.6");
        Tol.assertClose(0.9, MAX / (1 - 0.9), 0.1, "the constant run's η/(1 − β)");
    }

    @Test
    void oneCycleToleratesHigherRatesThanAConstantRate() {
        // grid 0.003, 0.0096, 0.031, 0.098, 0.31, 1
        double constantBest = SWEEP.where(SWEEP.stringColumn("run").isEqualTo("constant")).doubleColumn("val_loss").min();
        double cycleBest = SWEEP.where(SWEEP.stringColumn("run").isEqualTo("one cycle")).doubleColumn("val_loss").min();
        assertEquals(constantBest, sweep("constant", 2, "val_loss"), "the constant rate is best near 0.03");
        assertTrue(sweep("constant", 3, "val_loss") > 1.5 * constantBest, "much worse at 0.1");
        assertTrue(sweep("one cycle", 3, "val_loss") <= 1.05 * sweep("one cycle", 2, "val_loss")
                && sweep("one cycle", 3, "val_loss") <= 1.05 * cycleBest, "one cycle as good at 0.1 as at 0.03");
        assertTrue(Double.isNaN(sweep("constant", 4, "val_loss")), "the constant rate diverges at 0.3");
        assertTrue(sweep("one cycle", 4, "val_accuracy") > 0.95, "one cycle still classifies 96% at 0.3");
        assertTrue(sweep("one cycle", 4, "val_loss") > 3, "with a high cross-entropy");
    }

    @Test
    void atTheSamePeakOneCycleEndsAThirdLowerAndCloseToTheBestConstantRate() {
        double bestConstant = RateSweep.logspace(0.003, 1, 6)[2];
        Table summary = OneCycleRecipe.summary(RECIPE.compare(MAX, MAX, bestConstant));
        double cycle = summary.doubleColumn("val_loss").get(0);
        double same = summary.doubleColumn("val_loss").get(1);
        double best = summary.doubleColumn("val_loss").get(2);
        Tol.assertClose(1.0 / 3, 1 - cycle / same, 0.15, "about a third lower");
        assertTrue(summary.doubleColumn("val_accuracy").get(1) > summary.doubleColumn("val_accuracy").get(0),
                "the constant run classifies slightly more digits correctly");
        assertTrue(cycle > best && cycle < 1.15 * best, "close to, not better than, the best constant: " + cycle
                + " vs " + best);
        assertFalse(summary.doubleColumn("val_loss").isMissing().contains(0));
    }
}
