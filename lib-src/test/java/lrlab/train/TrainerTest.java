package lrlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.model.LinearRegression;
import lrlab.model.LogisticRegression;
import lrlab.model.Mlp;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.schedule.ReduceLROnPlateau;
import lrlab.schedule.Scheduler;
import lrlab.schedule.Schedulers;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TrainerTest {

    static final Split CANCER = Datasets.breastCancer().split(0.8, 0).standardize();
    static final Split DIGITS = Datasets.digits().split(0.8, 0).standardize();

    @Test
    void logisticRegressionLearnsBreastCancer() {
        TrainingResult r = Trainer.of(LogisticRegression.of(CANCER.train()), Optimizers.sgd(0.1).build())
                .validation(CANCER.validation()).epochs(5).batchSize(32).fit();
        assertFalse(r.diverged());
        assertTrue(r.finalValAccuracy() > 0.93, "val accuracy " + r.finalValAccuracy());
        Table h = r.history();
        assertEquals(List.of("epoch", "lr", "train_loss", "val_loss", "val_accuracy"), h.columnNames());
        assertEquals(5, h.rowCount());
        assertTrue(h.doubleColumn("val_loss").get(4) < h.doubleColumn("val_loss").get(0));
    }

    @Test
    void mlpLearnsDigits() {
        TrainingResult r = Trainer.of(Mlp.of(DIGITS.train(), 32), Optimizers.sgd(0.1).build())
                .validation(DIGITS.validation()).epochs(10).fit();
        assertTrue(r.finalValAccuracy() > 0.9, "val accuracy " + r.finalValAccuracy());
    }

    @Test
    void sameSeedGivesTheSameParameters() {
        Model m = Mlp.of(DIGITS.train(), 8);
        double[] a = Trainer.of(m, Optimizers.sgd(0.05).build()).epochs(2).seed(3).fit().params();
        double[] b = Trainer.of(m, Optimizers.sgd(0.05).build()).epochs(2).seed(3).fit().params();
        double[] c = Trainer.of(m, Optimizers.sgd(0.05).build()).epochs(2).seed(4).fit().params();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void recordsOneRowPerStepWhenAsked() {
        int n = CANCER.train().rows();
        TrainingResult r = Trainer.of(LogisticRegression.of(CANCER.train()), Optimizers.sgd(0.1).build())
                .epochs(3).batchSize(50).recordSteps(true).fit();
        int perEpoch = (n + 49) / 50;
        assertEquals(3 * perEpoch, r.steps().rowCount());
        assertEquals(List.of("step", "epoch", "lr", "loss"), r.steps().columnNames());
        assertTrue(r.history().doubleColumn("val_loss").isMissing(0), "no validation: val_loss missing");
        assertTrue(Double.isNaN(r.finalValLoss()));
    }

    @Test
    void validationFractionHoldsOutRows() {
        TrainingResult r = Trainer.of(LogisticRegression.of(CANCER.train()), Optimizers.sgd(0.1).build())
                .validationFraction(0.25).epochs(2).fit();
        assertTrue(r.finalValAccuracy() > 0.8);
    }

    @Test
    void stopsAndFlagsOnNonFiniteLoss() {
        // raw diabetes features (units up to ~300) make lr = 1 explode within a few steps
        TrainingResult r = Trainer.of(LinearRegression.of(Datasets.diabetes()), Optimizers.sgd(1.0).build())
                .epochs(50).recordSteps(true).fit();
        assertTrue(r.diverged());
        assertTrue(r.divergedStep() > 0);
        assertTrue(r.epochsCompleted() < 50);
        assertEquals(r.epochsCompleted(), r.history().rowCount());
        for (double v : r.history().doubleColumn("train_loss").asDoubleArray()) {
            assertTrue(Double.isFinite(v), "history holds only finite epochs");
        }
    }

    @Test
    void listenerSeesEveryStepEpochAndTheEnd() {
        List<String> events = new ArrayList<>();
        long[] steps = {0};
        TrainingResult r = Trainer.of(LogisticRegression.of(CANCER.train()), Optimizers.sgd(0.1).build())
                .epochs(2).batchSize(100)
                .listener(new TrainingListener() {
                    @Override public void onStart(int e, int perEpoch) { events.add("start " + e + " " + perEpoch); }
                    @Override public void onStep(long s, double loss, double lr) { steps[0] = s; }
                    @Override public void onEpoch(EpochStats s) { events.add("epoch " + s.epoch()); }
                    @Override public void onEnd(long last, boolean diverged) { events.add("end " + last + " " + diverged); }
                })
                .fit();
        assertEquals(List.of("start 2 5", "epoch 1", "epoch 2", "end 10 false"), events);
        assertEquals(10, steps[0]);
        assertEquals(2, r.epochsCompleted());
    }

    @Test
    void perBatchSchedulerDrivesTheStepLr() {
        Optimizer sgd = Optimizers.sgd(0.1).momentum(0.9).build();
        int perEpoch = (CANCER.train().rows() + 31) / 32;
        var sched = Schedulers.oneCycleLR(sgd, 0.1, 3 * perEpoch);
        TrainingResult r = Trainer.of(LogisticRegression.of(CANCER.train()), sgd)
                .epochs(3).recordSteps(true).scheduler(sched, Trainer.Every.BATCH).fit();
        double[] lr = r.steps().doubleColumn("lr").asDoubleArray();
        lrlab.testutil.Tol.assertClose(0.1 / 25, lr[0], 1e-12, 0, "one-cycle starts at maxLr/25");
        lrlab.testutil.Tol.assertClose(0.1, java.util.Arrays.stream(lr).max().orElseThrow(), 0.02, 0, "peak");
        assertTrue(lr[lr.length - 1] < 1e-3, "annealed at the end: " + lr[lr.length - 1]);
        assertEquals(3 * perEpoch, sched.lastEpoch(), "stepped once per batch");
    }

    @Test
    void perEpochSchedulerShowsInTheHistory() {
        Optimizer sgd = Optimizers.sgd(0.1).build();
        TrainingResult r = Trainer.of(LogisticRegression.of(CANCER.train()), sgd)
                .epochs(3).scheduler(Schedulers.stepLR(sgd, 1, 0.5)).fit();
        assertArrayEquals(new double[] {0.1, 0.05, 0.025}, r.history().doubleColumn("lr").asDoubleArray(), 1e-15);
    }

    @Test
    void adamWithACosineScheduleTrainsTheDigitsNetworkInThreeLines() {
        var adam = Optimizers.adam(0.003).build();
        var run = Trainer.of(Mlp.of(DIGITS.train(), 32), adam).validation(DIGITS.validation()).epochs(20)
                .scheduler(Schedulers.cosineAnnealingLR(adam, 20)).fit();
        double[] lr = run.table().doubleColumn("lr").asDoubleArray();
        lrlab.testutil.Tol.assertClose(0.003, lr[0], 1e-15, 0, "epoch 1 at the base rate");
        lrlab.testutil.Tol.assertClose(0.003 * (1 + Math.cos(Math.PI * 19 / 20)) / 2, lr[19], 1e-12, 0, "cosine at epoch 20");
        assertTrue(run.finalValAccuracy() > 0.95, "val accuracy " + run.finalValAccuracy());
    }

    @Test
    void plateauSchedulerIsFedTheValidationLossThroughTheSameDoor() {
        Optimizer sgd = Optimizers.sgd(0.1).build();
        List<Double> fed = new ArrayList<>();
        ReduceLROnPlateau plateau = Schedulers.reduceLROnPlateau(sgd, 0.5, 0);
        Scheduler spy = new Scheduler() {
            @Override public void step() { throw new AssertionError("the trainer must pass the metric"); }
            @Override public void step(double metric) { fed.add(metric); plateau.step(metric); }
            @Override public double[] lastLrs() { return plateau.lastLrs(); }
            @Override public int lastEpoch() { return plateau.lastEpoch(); }
            @Override public Optimizer optimizer() { return sgd; }
        };
        TrainingResult r = Trainer.of(LogisticRegression.of(CANCER.train()), sgd).validation(CANCER.validation())
                .epochs(6).scheduler(spy).fit();
        assertArrayEquals(r.history().doubleColumn("val_loss").asDoubleArray(),
                fed.stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(6, plateau.lastEpoch());
    }

    @Test
    void aChosenMetricFeedsTheEpochSchedulerInsteadOfTheValidationLoss() {
        Optimizer sgd = Optimizers.sgd(0.1).build();
        List<Double> fed = new ArrayList<>();
        Scheduler spy = new Scheduler() {
            @Override public void step() { throw new AssertionError("the trainer must pass the metric"); }
            @Override public void step(double metric) { fed.add(metric); }
            @Override public double[] lastLrs() { return new double[] {sgd.lr()}; }
            @Override public int lastEpoch() { return fed.size(); }
            @Override public Optimizer optimizer() { return sgd; }
        };
        TrainingResult r = Trainer.of(LogisticRegression.of(CANCER.train()), sgd).validation(CANCER.validation())
                .epochs(4).scheduler(spy).schedulerMetric(EpochStats::trainLoss).fit();
        assertArrayEquals(r.history().doubleColumn("train_loss").asDoubleArray(),
                fed.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void aSchedulerOfAnotherOptimizerIsRejected() {
        Optimizer sgd = Optimizers.sgd(0.1).build();
        Optimizer other = Optimizers.sgd(0.1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.of(LogisticRegression.of(CANCER.train()), sgd).scheduler(Schedulers.stepLR(other, 1, 0.5)));
        assertTrue(e.getMessage().startsWith("scheduler must drive this trainer's optimizer"), e.getMessage());
    }

    @Test
    void badArgumentsAreRejected() {
        Model m = LogisticRegression.of(CANCER.train());
        Optimizer sgd = Optimizers.sgd(0.1).build();
        assertThrows(IllegalArgumentException.class, () -> Trainer.of(null, sgd));
        assertThrows(IllegalArgumentException.class, () -> Trainer.of(m, null));
        assertThrows(IllegalArgumentException.class, () -> Trainer.of(m, sgd).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> Trainer.of(m, sgd).epochs(0));
        assertThrows(IllegalArgumentException.class, () -> Trainer.of(m, sgd).validationFraction(1.0));
        assertThrows(IllegalArgumentException.class, () -> Trainer.of(m, sgd).fit(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Trainer.of(m, sgd).validation(DIGITS.validation()).fit());
    }
}
