package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import lrlab.analysis.RateSweep;
import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.find.LrFinder;
import lrlab.find.LrFinderResult;
import lrlab.model.Mlp;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.lesson.Sensitivity;
import lrlab.lesson.TunerRace;
import lrlab.tune.GridSearch;
import lrlab.tune.RateObjective;
import lrlab.tune.SuccessiveHalving;
import lrlab.tune.TuningResult;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The facts notebook 07 (choosing the rate) shows, on the digits network. */
class Lesson07FactsTest {

    private static final Split DIGITS = Datasets.digits().split(0.8, 0).standardize();
    private static final Mlp MLP = Mlp.of(DIGITS.train(), 32);
    private static final double[] RATES = RateSweep.logspace(1e-4, 10, 6);

    private static Table sgdRange() {
        Table sweep = Sensitivity.on("MLP", MLP, DIGITS.validation()).epochs(8)
                .sweep("SGD", lr -> Optimizers.sgd(lr).build(), RATES);
        return Sensitivity.goodRanges(sweep, 0.25);
    }

    @Test
    void finderValleyAndMinimumOverTenLieInTheGridsGoodRangeAtItsResolution() {
        Table range = sgdRange();
        double half = Math.sqrt(RATES[1] / RATES[0]);
        double from = range.doubleColumn("good_from").get(0) / half;
        double to = range.doubleColumn("good_to").get(0) * half;
        LrFinderResult found = LrFinder.of(MLP, Optimizers.sgd(0.1).build()).range(1e-5, 10).iterations(100)
                .run(MLP.initialParams(0));
        assertTrue(from <= found.valley() && found.valley() <= to, "valley " + found.valley() + " in [" + from + ", " + to + "]");
        assertTrue(from <= found.minimumOverTen() && found.minimumOverTen() <= to, "minimum/10 " + found.minimumOverTen());
    }

    @Test
    void sgdOnTheStandardisedNetworkWantsARateAboveTheRuleOfThumb() {
        // seed 002: simple neural networks 0.001–0.01
        assertTrue(sgdRange().doubleColumn("best_lr").get(0) > 0.01);
    }

    @Test
    void successiveHalvingRunsMoreTrialsOnTheSameBudgetAndLandsNearTheGrid() {
        RateObjective objective = RateObjective.training(MLP, DIGITS.validation(), lr -> Optimizers.sgd(lr).build(), 32, 0);
        TuningResult grid = GridSearch.logspace(1e-4, 1, 9).budget(6).run(objective);
        TuningResult halving = SuccessiveHalving.logUniform(1e-4, 1).rates(18).minBudget(1).eta(3).maxBudget(9).seed(0).run(objective);
        Table summary = TunerRace.summary(grid, halving);
        assertEquals(grid.totalBudget(), halving.totalBudget());
        assertTrue(halving.trials().size() > 2 * grid.trials().size());
        assertTrue(halving.best().loss() < 1.1 * grid.best().loss(), summary.print());
    }
}
