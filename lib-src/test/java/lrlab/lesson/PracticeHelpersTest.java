package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lrlab.data.Dataset;
import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.find.LrFinder;
import lrlab.model.LinearRegression;
import lrlab.display.TrainingProgress;
import lrlab.optim.Optimizers;
import lrlab.display.FinderChart;
import lrlab.display.SensitivityChart;
import lrlab.tune.GridSearch;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PracticeHelpersTest {

    private static final Split DIABETES = Datasets.diabetes().split(0.8, 0).standardize();
    private static final LinearRegression MODEL = LinearRegression.of(DIABETES.train());

    @Test
    void goodRangeIsTheContiguousStretchAroundTheBest() {
        double[] r = Sensitivity.goodRange(new double[] {1, 2, 3, 4, 5}, new double[] {9, 1.1, 1.0, Double.NaN, 1.05}, 0.2);
        assertArrayEquals(new double[] {3, 1.0, 2, 3}, r);
    }

    @Test
    void goodRangeRejectsAllDivergedAndMismatchedInputs() {
        assertThrows(IllegalArgumentException.class, () -> Sensitivity.goodRange(new double[] {1}, new double[] {Double.NaN}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Sensitivity.goodRange(new double[] {1, 2}, new double[] {1}, 0.1));
    }

    @Test
    void sweepMarksBlownUpRunsAsDivergedAndFeedsTheProgressLine() {
        List<String> lines = new ArrayList<>();
        var progress = TrainingProgress.to(lines::add);
        Table t = Sensitivity.on("linear", MODEL, DIABETES.validation()).epochs(3).progress(progress)
                .sweep("SGD", lr -> Optimizers.sgd(lr).build(), 0.01, 10);
        assertEquals(2, progress.runs());
        assertTrue(!t.booleanColumn("diverged").get(0) && t.booleanColumn("diverged").get(1));
        assertTrue(Double.isNaN(t.doubleColumn("val_loss").getDouble(1)));
        assertTrue(lines.get(0).startsWith("linear · SGD lr=0.01"), lines.get(0));
        assertEquals(1, Sensitivity.goodRanges(t, 0.1).rowCount());
    }

    @Test
    void badArgumentsAreRejectedWithTheirValue() {
        var s = Sensitivity.on("linear", MODEL, DIABETES.validation());
        var e = assertThrows(IllegalArgumentException.class, () -> s.sweep("SGD", lr -> Optimizers.sgd(lr).build(), -0.1));
        assertEquals("rates must be finite and > 0, got -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.epochs(0));
        assertThrows(IllegalArgumentException.class, () -> s.divergeFactor(1));
        assertThrows(IllegalArgumentException.class, () -> Sensitivity.on(null, MODEL, DIABETES.validation()));
        assertThrows(IllegalArgumentException.class, () -> BatchScaling.on(MODEL, DIABETES.validation()).base(0, 32));
        assertThrows(IllegalArgumentException.class, () -> BatchScaling.on(MODEL, DIABETES.validation()).epochs(2).warmupEpochs(2).run(32));
        assertThrows(IllegalArgumentException.class, () -> EffectiveSteps.of(MODEL).names("a"));
        assertThrows(IllegalArgumentException.class, () -> EffectiveSteps.of(MODEL).steps(0));
        assertThrows(IllegalArgumentException.class, TunerRace::summary);
        assertThrows(IllegalArgumentException.class, () -> TrainingProgress.to(null));
    }

    @Test
    void batchScalingCountsStepsAndScalesTheRate() {
        var b = BatchScaling.on(MODEL, DIABETES.validation()).base(0.01, 32).epochs(3).warmupEpochs(1);
        assertEquals((MODEL.data().rows() + 63) / 64, b.stepsPerEpoch(64));
        Table t = b.run(32, 64);
        assertEquals(8, t.rowCount());     // fixed, linear, square root, linear + warmup at two batch sizes
        assertEquals(0.02, t.doubleColumn("lr").get(3), 1e-15);
        assertEquals(64, BatchScaling.holdsUpTo(t, BatchScaling.SCALED, 32, 1e9));
        assertThrows(IllegalArgumentException.class, () -> BatchScaling.holdsUpTo(t, BatchScaling.FIXED, 16, 0.1));
    }

    @Test
    void sgdEffectiveRateIsItsLearningRateForEveryParameter() {
        Table t = EffectiveSteps.of(MODEL).steps(5).measure("SGD", Optimizers.sgd(0.03).build());
        assertEquals(MODEL.dimension(), t.rowCount());
        for (double v : t.doubleColumn("effective_lr").asDoubleArray()) {
            assertEquals(0.03, v, 1e-12);
        }
    }

    @Test
    void chartsDrawOneTracePerRunAndMarkSuggestions() {
        Table t = Sensitivity.on("linear", MODEL, DIABETES.validation()).epochs(2)
                .sweep("SGD", lr -> Optimizers.sgd(lr).build(), 0.001, 0.01, 10);
        var fig = SensitivityChart.of("s", t, "lr", "val_loss", "optimizer").band("rule", 0.01, 0.1).mark("m", 0.03).figure();
        assertEquals(1, fig.traceCount());
        assertTrue(fig.toJson().contains("\"type\":\"log\""));
        assertTrue(fig.data().get(0).get("y").get(2).isNull());
        var found = LrFinder.of(MODEL, Optimizers.sgd(0.01).build()).iterations(50).run(MODEL.initialParams(0));
        var chart = FinderChart.of(found).mark("grid", 0.03).figure();
        assertEquals(3, chart.traceCount());
        assertEquals(3, chart.data().get(2).get("x").size());
        assertThrows(IllegalArgumentException.class, () -> FinderChart.of(found).mark("x", 0));
    }

    @Test
    void tunerRaceStacksCurvesAndSummarises() {
        var obj = (lrlab.tune.RateObjective) (lr, budget) -> (Math.log10(lr) + 1) * (Math.log10(lr) + 1);
        var g = GridSearch.logspace(1e-3, 1, 4).budget(2).run(obj);
        Table c = TunerRace.curves(g);
        assertEquals(4, c.rowCount());
        assertEquals(0.1, TunerRace.summary(g).doubleColumn("best_lr").get(0), 1e-12);
    }
}
