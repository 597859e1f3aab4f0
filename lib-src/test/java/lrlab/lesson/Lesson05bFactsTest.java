package lrlab.lesson;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.optim.Optimizer;
import lrlab.schedule.CyclicLR;
import lrlab.schedule.LrCurve;
import lrlab.schedule.Scheduler;
import lrlab.schedule.Schedulers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The facts notebook 05b (noise and decay) teaches, on its exact runs. */
class Lesson05bFactsTest {

    static final LinearRegression MODEL = LinearRegression.of(Datasets.linear(512, 10, 1.0, 0));
    static NoisyTraining sgd;
    static Table floors;
    static Table summary;
    static Table plateau;
    static Table cycled;

    @BeforeAll
    static void runTheNotebook() {
        sgd = NoisyTraining.of(MODEL).batchSize(8).epochs(45).seed(0);
        floors = sgd.floors(sgd.constant(0.02, 0.05, 0.1));
        int tau = sgd.stepsPerEpoch();
        Map<String, Function<Optimizer, ? extends Scheduler>> decays = new LinkedHashMap<>();
        decays.put("constant 0.1", opt -> Schedulers.lambdaLR(opt, t -> 1.0));
        decays.put("1/t", opt -> Schedulers.inverseTimeDecay(opt, tau));
        decays.put("1/sqrt(t)", opt -> Schedulers.inverseSqrtDecay(opt, tau));
        Map<String, Function<Optimizer, ? extends Scheduler>> cycles = new LinkedHashMap<>();
        cycles.put("cosine", opt -> Schedulers.cosineAnnealingLR(opt, 45 * tau));
        cycles.put("cyclic", opt -> CyclicLR.builder(0.01, 0.1).stepSizeUp(240).cycleMomentum(false).build(opt));
        cycles.put("warm restarts", opt -> Schedulers.cosineAnnealingWarmRestarts(opt, 3 * tau, 2, 0.0));
        plateau = sgd.plateau("plateau", 0.1, 0.5, 2);
        cycled = sgd.scheduled(0.1, cycles);
        summary = sgd.summary(sgd.scheduled(0.1, decays).append(plateau).append(cycled));
    }

    private static double finalExcess(String run) {
        return summary.where(summary.stringColumn("run").isEqualTo(run)).doubleColumn("final_excess").get(0);
    }

    @Test
    void theProblemsMinimumIsAboutTheNoiseVarianceAndItsBowlIsRound() {
        assertClose(0.894, sgd.minimumLoss(), 1e-3, "L*");
        double[] c = sgd.curvatures();
        assertTrue(c[0] > 1.5 && c[c.length - 1] < 2.4, "curvatures near 2");
        assertEquals(64, sgd.stepsPerEpoch());
    }

    @Test
    void theFloorGrowsWithTheRateAndMatchesTheFormula() {
        double[] tolerance = {0.05, 0.07, 0.2};
        for (int r = 0; r < 3; r++) {
            assertClose(floors.doubleColumn("predicted").get(r), floors.doubleColumn("floor").get(r), tolerance[r], 0,
                    "floor at " + floors.doubleColumn("lr").get(r));
            if (r > 0) {
                assertTrue(floors.doubleColumn("floor").get(r) > floors.doubleColumn("floor").get(r - 1));
                assertTrue(floors.doubleColumn("floor_over_lr").get(r) > floors.doubleColumn("floor_over_lr").get(r - 1),
                        "more than proportional");
            }
        }
        assertClose(1.3, floors.doubleColumn("floor_over_lr").get(0), 0.02, "floor/lr at 0.02");
        assertClose(1.6, floors.doubleColumn("floor_over_lr").get(2), 0.03, "floor/lr at 0.1");
    }

    @Test
    void decaysEndFarBelowTheConstantRatesFloor() {
        assertTrue(finalExcess("1/t") < finalExcess("constant 0.1") / 100, "1/t about a hundred times lower");
        assertTrue(finalExcess("1/sqrt(t)") > finalExcess("1/t") && finalExcess("1/sqrt(t)") < finalExcess("constant 0.1"));
    }

    @Test
    void theRobbinsMonroSumsGrowOrConvergeAsTheTableSays() {
        Map<String, Function<Optimizer, ? extends Scheduler>> rm = new LinkedHashMap<>();
        rm.put("constant", opt -> Schedulers.lambdaLR(opt, t -> 1.0));
        rm.put("1/t", opt -> Schedulers.inverseTimeDecay(opt, 64));
        rm.put("1/sqrt(t)", opt -> Schedulers.inverseSqrtDecay(opt, 64));
        rm.put("exponential", opt -> Schedulers.exponentialLR(opt, 0.999));
        rm.put("step", opt -> Schedulers.stepLR(opt, 1000, 0.5));
        Table t = LrCurve.sums(0.1, rm, 1_000, 10_000, 100_000, 1_000_000);
        double lnTen = Math.log(10);
        // rows: 4 horizons per schedule
        assertClose(1e5, t.doubleColumn("sum_lr").get(3), 1e-9, "constant: 0.1 t");
        assertClose(0.1 * 64 * lnTen, t.doubleColumn("sum_lr").get(7) - t.doubleColumn("sum_lr").get(6), 0.01,
                "1/t: sum grows by eta0 tau ln 10 per decade");
        assertClose(0.645, t.doubleColumn("sum_lr_squared").get(7), 0.01, "1/t: sum of squares converges");
        assertTrue(t.doubleColumn("sum_lr_squared").get(7) - t.doubleColumn("sum_lr_squared").get(6) < 1e-3);
        assertClose(0.01 * 64 * lnTen, t.doubleColumn("sum_lr_squared").get(11) - t.doubleColumn("sum_lr_squared").get(10),
                0.01, "1/sqrt(t): sum of squares grows by eta0^2 tau ln 10 per decade");
        assertClose(100, t.doubleColumn("sum_lr").get(15), 1e-6, "exponential: eta0/(1 - gamma)");
        assertClose(200, t.doubleColumn("sum_lr").get(19), 1e-6, "step: 1000 * 0.1 * (1 + 1/2 + ...)");
    }

    @Test
    void thePlateauSchedulerWalksTheRateDownTheFloorAndEndsLowest() {
        Table cut = plateau.where(plateau.doubleColumn("lr").isLessThan(0.1));
        assertEquals(8, cut.intColumn("epoch").get(0), "the first cut comes after epoch 7");
        double last = plateau.doubleColumn("lr").get(plateau.rowCount() - 1);
        assertEquals(0.1 / 256, last, 1e-15, "eight halvings");
        for (int r = 1; r < plateau.rowCount(); r++) {
            assertTrue(plateau.doubleColumn("lr").get(r) <= plateau.doubleColumn("lr").get(r - 1));
        }
        assertEquals("plateau", summary.stringColumn("run").get(0));
    }

    @Test
    void theRunsFinishInTheOrderTheNotebookReads() {
        assertEquals(List.of("plateau", "1/t", "cosine", "warm restarts", "1/sqrt(t)", "cyclic", "constant 0.1"),
                summary.stringColumn("run").asList());
        assertTrue(finalExcess("constant 0.1") / finalExcess("plateau") > 100, "about 150 times above the best");
        assertClose(14, finalExcess("cyclic") / finalExcess("1/t"), 0.1, "cyclic vs 1/t");
    }

    @Test
    void restartsThrowTheLossAboveTheConstantRatesFloorAndOnlyTheLongestCycleEndsClearlyLower() {
        Table restarts = cycled.where(cycled.stringColumn("run").isEqualTo("warm restarts"));
        double constantFloor = floors.doubleColumn("floor").get(2);
        double[] ends = new double[4];
        int[] endSteps = {192, 576, 1344, 2880};
        for (int k = 0; k < 4; k++) {
            ends[k] = restarts.where(restarts.intColumn("step").isBetweenInclusive(endSteps[k] - 16, endSteps[k]))
                    .doubleColumn("excess").mean();
            if (k < 3) {
                double after = restarts.where(restarts.intColumn("step").isBetweenInclusive(endSteps[k] + 1,
                        endSteps[k] + 100)).doubleColumn("excess").max();
                assertTrue(after > constantFloor, "restart at " + endSteps[k] + " peaks at " + after);
            }
        }
        assertTrue(ends[3] < 0.5 * Math.min(ends[0], Math.min(ends[1], ends[2])), "the last cycle ends lowest");
    }

    @Test
    void reshuffledEpochsEndBelowTheFormulaAndLargerBatchesLowerTheFloor() {
        var shuffled = NoisyTraining.of(MODEL).batchSize(8).epochs(45).seed(0).withReplacement(false);
        Table reshuffled = shuffled.floors(shuffled.constant(0.02));
        assertTrue(reshuffled.doubleColumn("floor").get(0) < 0.6 * reshuffled.doubleColumn("predicted").get(0),
                "reshuffled epochs cancel part of the noise at a small rate");
        var b32 = NoisyTraining.of(MODEL).batchSize(32).epochs(45).seed(0);
        Table larger = b32.floors(b32.constant(0.02));
        assertClose(4, floors.doubleColumn("floor").get(0) / larger.doubleColumn("floor").get(0), 0.1,
                "four times the batch, a quarter of the floor");
    }
}
