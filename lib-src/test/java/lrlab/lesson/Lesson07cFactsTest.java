package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongFunction;
import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.model.Mlp;
import lrlab.optim.Optimizers;
import lrlab.tune.GridSearch;
import lrlab.tune.RandomSearch;
import lrlab.tune.RateObjective;
import lrlab.tune.SuccessiveHalving;
import lrlab.tune.TpeTuner;
import lrlab.tune.Tuner;
import lrlab.tune.TuningResult;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The facts notebook 07c (searching for the rate) states: four tuners, 54 epochs each, digits network, SGD. */
class Lesson07cFactsTest {

    private static final Split DIGITS = Datasets.digits().split(0.8, 0).standardize();
    private static final RateObjective OBJECTIVE = RateObjective.training(Mlp.of(DIGITS.train(), 32),
            DIGITS.validation(), lr -> Optimizers.sgd(lr).build());
    private static final TuningResult GRID = GridSearch.logspace(1e-4, 1, 9).budget(6).run(OBJECTIVE);
    private static final TuningResult RANDOM = RandomSearch.logUniform(1e-4, 1).trials(9).budget(6).run(OBJECTIVE);
    private static final TuningResult HALVING = SuccessiveHalving.logUniform(1e-4, 1).rates(18).minBudget(1).eta(3)
            .maxBudget(9).run(OBJECTIVE);
    private static final TuningResult TPE = TpeTuner.logUniform(1e-4, 1).trials(9).startupTrials(4).budget(6)
            .run(OBJECTIVE);

    @Test
    void everyTunerSpends54EpochsAndHalvingTries26RateBudgetPairs() {
        for (TuningResult r : List.of(GRID, RANDOM, HALVING, TPE)) {
            assertEquals(54, r.totalBudget(), r.method());
        }
        assertEquals(26, HALVING.trials().size());
        assertEquals(9, GRID.trials().size());
    }

    @Test
    void allFourEndWithinAFewPercentNearPointThree() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (TuningResult r : List.of(GRID, RANDOM, HALVING, TPE)) {
            lo = Math.min(lo, r.best().loss());
            hi = Math.max(hi, r.best().loss());
            assertTrue(r.bestLr() > 0.25 && r.bestLr() < 0.4, r.method() + " best rate " + r.bestLr());
        }
        assertTrue(hi < 1.05 * lo, "spread " + lo + " … " + hi);
    }

    @Test
    void theRandomTunersShareTheirFirstDrawAndTheGridNeedsEightTrials() {
        double first = RANDOM.trials().get(0).lr();
        Tol.assertClose(0.34, first, 0.01, "the first draw of seed 0");
        assertEquals(first, HALVING.trials().get(0).lr());
        assertEquals(first, TPE.trials().get(0).lr());
        assertEquals(RANDOM.best().loss(), RANDOM.trials().get(0).loss(), "found on the first trial");
        assertEquals(8, GRID.best().trial());
        Tol.assertClose(0.316, GRID.bestLr(), 0.01, "the grid's best");
    }

    @Test
    void theRatesHalvingKeepsAfterOneEpochLieBetweenPointOneAndPointEightAndIncludeTheWinner() {
        Table t = HALVING.table();
        Table second = t.where(t.intColumn("budget").isEqualTo(3));
        assertEquals(6, second.rowCount());
        for (double lr : second.doubleColumn("lr").asDoubleArray()) {
            assertTrue(lr > 0.1 && lr < 0.8, "kept " + lr);
        }
        assertTrue(second.doubleColumn("lr").asList().contains(HALVING.bestLr()));
        assertEquals(9, HALVING.best().budget());
    }

    @Test
    void withOtherSeedsHalvingWinsAndRandomAndTpeStayWithinTwentyPercentOfTheGrid() {
        var tuners = new LinkedHashMap<String, LongFunction<Tuner>>();
        tuners.put("random", s -> RandomSearch.logUniform(1e-4, 1).trials(9).budget(6).seed(s));
        tuners.put("successive halving", s -> SuccessiveHalving.logUniform(1e-4, 1).rates(18).minBudget(1).eta(3)
                .maxBudget(9).seed(s));
        tuners.put("tpe", s -> TpeTuner.logUniform(1e-4, 1).trials(9).startupTrials(4).budget(6).seed(s));
        Table seeds = TunerRace.overSeeds(OBJECTIVE, tuners, 1, 2);
        double grid = GRID.best().loss();
        for (int i = 0; i < seeds.rowCount(); i++) {
            String run = seeds.stringColumn("run").get(i);
            double loss = seeds.doubleColumn("best_loss").get(i);
            if (run.equals("successive halving")) {
                assertTrue(loss < grid, "halving beats the grid with seed " + seeds.longColumn("seed").get(i));
            } else {
                assertTrue(loss >= grid && loss < 1.2 * grid, run + " " + loss + " vs grid " + grid);
            }
        }
    }
}
