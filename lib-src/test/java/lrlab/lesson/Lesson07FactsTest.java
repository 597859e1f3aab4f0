package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import lrlab.analysis.RateSweep;
import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.find.LrFinder;
import lrlab.find.LrFinderResult;
import lrlab.model.LinearRegression;
import lrlab.model.LogisticRegression;
import lrlab.model.Mlp;
import lrlab.optim.Optimizers;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The facts notebook 07 (the rule of thumb and the finder) states: the table in full, the measured good
 * ranges against it, the row Adam runs are compared with and why Adam on linear regression needs a large
 * rate, the finder's suggestions against the grid and the finder's real cost.
 */
class Lesson07FactsTest {

    private static final Split DIABETES = Datasets.diabetes().split(0.8, 0).standardize();
    private static final Split CANCER = Datasets.breastCancer().split(0.8, 0).standardize();
    private static final Split DIGITS = Datasets.digits().split(0.8, 0).standardize();
    private static final Mlp MLP = Mlp.of(DIGITS.train(), 32);
    private static final double[] RATES = RateSweep.logspace(1e-4, 10, 6);
    private static final Table SWEEPS;
    private static final Table RANGES;
    private static final LrFinderResult FOUND = LrFinder.of(MLP, Optimizers.sgd(0.1).build()).range(1e-5, 10)
            .iterations(100).run(MLP.initialParams(0));

    static {
        var optimizers = OptimizerFamily.of("SGD", "Adam");
        SWEEPS = Sensitivity.on("linear", LinearRegression.of(DIABETES.train()), DIABETES.validation()).epochs(8)
                .sweep(optimizers, RATES)
                .append(Sensitivity.on("logistic", LogisticRegression.of(CANCER.train()), CANCER.validation())
                        .epochs(8).sweep(optimizers, RATES))
                .append(Sensitivity.on("MLP", MLP, DIGITS.validation()).epochs(8).sweep(optimizers, RATES));
        RANGES = RuleOfThumb.compare(Sensitivity.goodRanges(SWEEPS, 0.25));
    }

    private static double range(String problem, String optimizer, String column) {
        return Sensitivity.value(RANGES, problem, optimizer, column);
    }

    @Test
    void theTableHasSevenRowsOfWhichThreeCannotBeMeasuredHereAndOneIsAStandIn() {
        Table t = RuleOfThumb.table();
        assertEquals(7, t.rowCount());
        assertEquals(3, t.where(t.stringColumn("measured_here").isEqualTo("no")).rowCount());
        assertEquals(List.of("Deep networks (Adam)"),
                t.where(t.stringColumn("measured_here").isEqualTo("stand-in")).stringColumn("row").asList());
    }

    @Test
    void onlySgdOnLinearAndLogisticRegressionTouchTheTablesRanges() {
        Table touching = RANGES.where(RANGES.booleanColumn("overlaps").isTrue());
        assertEquals(List.of("linear · SGD", "logistic · SGD"), touching.stringColumn("run").asList());
    }

    @Test
    void sgdOnTheNetworkWantsTenTimesTheTopOfTheSimpleNetworksRow() {
        Tol.assertClose(0.1, range("MLP", "SGD", "best_lr"), 1e-9, "best SGD rate of the network");
        assertEquals(0.01, RuleOfThumb.range("MLP", "SGD")[1]);
    }

    @Test
    void everyAdamRunIsComparedWithTheDeepNetworksRowAndWantsAtLeastTenTimesItsTop() {
        for (String problem : List.of("linear", "logistic", "MLP")) {
            assertEquals("Deep networks (Adam)", RuleOfThumb.rowName(problem, "Adam"));
            assertTrue(range(problem, "Adam", "best_lr") >= 10 * 1e-3 * 0.999, problem);
        }
    }

    @Test
    void adamOnLinearRegressionNeedsAboutOnePointSixToMoveTheBiasToTheMeanTargetIn96Steps() {
        double mean = Arrays.stream(DIABETES.train().targets()).average().orElseThrow();
        int steps = 8 * (int) Math.ceil(DIABETES.train().rows() / 32.0);
        assertEquals(96, steps);
        Tol.assertClose(1.6, mean / steps, 0.03, "lr needed");
        assertEquals(RATES[RATES.length - 1], range("linear", "Adam", "best_lr"), 1e-9, "the grid's largest rate wins");
        Table adam = SWEEPS.where(SWEEPS.stringColumn("run").isEqualTo("linear · Adam"));
        assertTrue(adam.doubleColumn("val_loss").get(4) > 2 * adam.doubleColumn("val_loss").get(5),
                "at η = 1 the bias cannot reach the mean yet");
    }

    @Test
    void theValleyIsTheGridsBestMinimumOverTenWithinAFactorThreeAndSteepestWhereTheGridIsSeventyPercentWorse() {
        double gridBest = range("MLP", "SGD", "best_lr");
        Tol.assertClose(gridBest, FOUND.valley(), 1e-9, "valley");
        double ratio = FOUND.minimumOverTen() / gridBest;
        assertTrue(ratio > 1 && ratio < 3, "minimum/10 over grid best " + ratio);
        Tol.assertClose(1.0, FOUND.steepest(), 0.1, "steepest near 1");
        Table sgd = SWEEPS.where(SWEEPS.stringColumn("run").isEqualTo("MLP · SGD"));
        double worse = sgd.doubleColumn("val_loss").get(4) / range("MLP", "SGD", "best_loss");
        Tol.assertClose(1.7, worse, 0.05, "grid loss at η = 1 over its best");
    }

    @Test
    void theFindersSmoothedMinimumLagsTheBatchLossMinimum() {
        double[] lrs = FOUND.lrs();
        double[] raw = FOUND.losses();
        double[] smooth = FOUND.smoothedLosses();
        int rawMin = 0;
        int smoothMin = 0;
        for (int i = 0; i < lrs.length; i++) {
            rawMin = raw[i] < raw[rawMin] ? i : rawMin;
            smoothMin = smooth[i] < smooth[smoothMin] ? i : smoothMin;
        }
        assertTrue(lrs[rawMin] > 0.5 && lrs[rawMin] < 2, "batch loss lowest near 1: " + lrs[rawMin]);
        Tol.assertClose(3, lrs[smoothMin], 0.1, "smoothed minimum near 3");
    }

    @Test
    void theFinderCostsAboutTwoEpochsAndTheGridTwentyTimesMore() {
        assertTrue(FOUND.stoppedEarly());
        assertEquals(96, FOUND.iterations());
        assertEquals(96 * 32, FOUND.examplesSeen());
        assertEquals(1438, DIGITS.train().rows());
        Tol.assertClose(2.14, FOUND.epochs(), 0.01, "epochs");
        int perEpoch = (int) Math.ceil(DIGITS.train().rows() / 32.0);
        var grid = SearchCost.grid("grid", RATES.length, 8, perEpoch, 1);
        Table costs = SearchCost.table(SearchCost.finder(FOUND, 1), grid);
        double ratio = costs.doubleColumn("epochs_vs_first").get(1);
        assertTrue(ratio > 20 && ratio < 25, "grid epochs over finder epochs " + ratio);
    }
}
