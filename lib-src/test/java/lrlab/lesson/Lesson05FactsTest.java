package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.optim.Optimizer;
import lrlab.schedule.CyclicLR;
import lrlab.schedule.LambdaLR;
import lrlab.schedule.LrCurve;
import lrlab.schedule.OneCycleLR;
import lrlab.schedule.Scheduler;
import lrlab.schedule.Schedulers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The facts notebook 05 (schedules) teaches, on its exact run. */
class Lesson05FactsTest {

    static final double BASE = 0.1;
    static final int EPOCHS = 40;
    static Map<String, Double> finalLoss = new LinkedHashMap<>();
    static Map<String, Function<Optimizer, ? extends Scheduler>> schedules = new LinkedHashMap<>();

    @BeforeAll
    static void runTheNotebooksRace() {
        schedules.put("constant", opt -> Schedulers.lambdaLR(opt, t -> 1.0));
        schedules.put("step", opt -> Schedulers.stepLR(opt, 15, 0.1));
        schedules.put("exponential", opt -> Schedulers.exponentialLR(opt, 0.9));
        schedules.put("cosine", opt -> Schedulers.cosineAnnealingLR(opt, EPOCHS));
        schedules.put("warmup", opt -> Schedulers.linearWarmup(opt, 5));
        schedules.put("one-cycle", opt -> OneCycleLR.builder(BASE, EPOCHS + 1).cycleMomentum(false).build(opt));
        schedules.put("cyclic", opt -> CyclicLR.builder(BASE / 10, BASE).stepSizeUp(5).cycleMomentum(false).build(opt));
        schedules.put("warm restarts", opt -> Schedulers.cosineAnnealingWarmRestarts(opt, 10, 2, 0.0));
        var split = Datasets.diabetes().split(0.8, 0).standardize();
        var race = ScheduledTraining.of(LinearRegression.of(split.train()), split.validation())
                .lr(BASE).epochs(EPOCHS).batchSize(8).seed(0);
        Table summary = ScheduledTraining.summary(race.compare(schedules).append(race.plateau("plateau", 0.5, 2)));
        for (int r = 0; r < summary.rowCount(); r++) {
            finalLoss.put(summary.stringColumn("run").get(r), summary.doubleColumn("train_loss").get(r));
        }
    }

    @Test
    void everySchedulThatEndsSmallFinishesBelowTheConstantRate() {
        double constant = finalLoss.get("constant");
        for (String s : new String[] {"step", "exponential", "cosine", "plateau", "one-cycle"}) {
            assertTrue(finalLoss.get(s) < 0.9 * constant, s + " " + finalLoss.get(s) + " vs constant " + constant);
        }
    }

    @Test
    void theWarmupsFirstEpochTrainsWhileTheTorchLambdasFirstEpochIsANoOp() {
        var split = Datasets.diabetes().split(0.8, 0).standardize();
        var model = LinearRegression.of(split.train());
        double start = model.value(model.initialParams(0));
        var race = ScheduledTraining.of(model, split.validation()).lr(BASE).epochs(2).batchSize(8).seed(0);
        Map<String, Function<Optimizer, ? extends Scheduler>> two = new LinkedHashMap<>();
        two.put("t+1", opt -> Schedulers.linearWarmup(opt, 5));
        two.put("t", opt -> Schedulers.lambdaLR(opt, LambdaLR.linearWarmupFromZero(5)));
        Table runs = race.compare(two);
        Table ours = runs.where(runs.stringColumn("run").isEqualTo("t+1"));
        Table torch = runs.where(runs.stringColumn("run").isEqualTo("t"));
        assertEquals(BASE / 5, ours.doubleColumn("lr").get(0), 1e-15);
        assertTrue(ours.doubleColumn("train_loss").get(0) < 0.5 * start, "the first epoch already trains");
        assertEquals(0.0, torch.doubleColumn("lr").get(0), 0.0);
        assertEquals(start, torch.doubleColumn("train_loss").get(0), 1e-9 * start, "rate 0: the epoch changed nothing");
    }

    @Test
    void warmupEndsWhereTheConstantRateEnds() {
        assertEquals(finalLoss.get("constant"), finalLoss.get("warmup"), 0.01 * finalLoss.get("constant"));
    }

    @Test
    void curvesStartWhereTheFormulasSay() {
        Table curves = LrCurve.compare(BASE, EPOCHS, schedules);
        Table warm = curves.where(curves.stringColumn("run").isEqualTo("warmup"));
        assertEquals(BASE / 5, warm.doubleColumn("lr").get(0), 1e-15, "(t + 1)/W: the first epoch trains at base/W");
        assertEquals(BASE * 4 / 5, warm.doubleColumn("lr").get(3), 1e-15);
        assertEquals(BASE, warm.doubleColumn("lr").get(4), 1e-15, "base reached at the last warmup epoch t = W - 1");
        assertEquals(BASE, warm.doubleColumn("lr").get(5), 1e-12);
        Table restarts = curves.where(curves.stringColumn("run").isEqualTo("warm restarts"));
        assertEquals(BASE, restarts.doubleColumn("lr").get(30), 1e-12, "restart at epoch 30");
        assertTrue(restarts.doubleColumn("lr").get(39) > 0.8 * BASE, "near the top at epoch 39");
        Table step = curves.where(curves.stringColumn("run").isEqualTo("step"));
        assertEquals(BASE * 0.1, step.doubleColumn("lr").get(15), 1e-12);
    }
}
