package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleFunction;
import java.util.function.Function;
import lrlab.analysis.RunClass;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.model.LogisticRegression;
import lrlab.optim.GradientClipping;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.train.Trainer;
import lrlab.train.TrainingResult;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The diagnoses and treatments notebook 06 (debugging) shows. */
class Lesson06FactsTest {

    private static final Function<Optimizer, TrainingResult> FIT;
    private static final DoubleFunction<TrainingResult> DIABETES;
    private static final DoubleFunction<TrainingResult> CANCER;

    static {
        var split = Datasets.diabetes().split(0.8, 0).standardize();
        var model = LinearRegression.of(split.train());
        FIT = opt -> Trainer.of(model, opt).validation(split.validation()).batchSize(32).epochs(30).seed(0).fit();
        DIABETES = lr -> FIT.apply(Optimizers.sgd(lr).build());
        var cancer = Datasets.breastCancer().split(0.8, 0).standardize();
        var logit = LogisticRegression.of(cancer.train());
        CANCER = lr -> Trainer.of(logit, Optimizers.sgd(lr).build())
                .validation(cancer.validation()).batchSize(32).epochs(30).seed(0).fit();
    }

    @Test
    void rateOneHalfBlowsUpAndDividingByTenCuresIt() {
        TrainingResult run = DIABETES.apply(0.5);
        assertTrue(run.diverged(), "a non-finite loss stops the run");
        var d = LrDoctor.diagnose(run);
        assertEquals(RunClass.DIVERGING, d.verdict());
        assertEquals(0.1, d.suggestedLrFactor(), 0.0);
        assertEquals(RunClass.CONVERGED, LrDoctor.diagnose(DIABETES.apply(0.05)).verdict());
    }

    @Test
    void rateOneHalfClimbsForTwentyNineEpochsBeforeItOverflows() {
        TrainingResult run = DIABETES.apply(0.5);
        assertEquals(351, run.divergedStep());
        assertEquals(29, run.epochsCompleted());
        assertTrue(run.history().doubleColumn("train_loss").get(28) > run.history().doubleColumn("train_loss").get(0));
        TrainingResult fixed = DIABETES.apply(0.05);
        assertTrue(fixed.history().doubleColumn("train_loss").get(0) > 4.5 * fixed.finalTrainLoss());
    }

    @Test
    void aValidationLossThatStallsEarlyCanMeanARateTooHighNotTooLow() {
        Table at05 = LrDoctor.bestEpochs("lr=0.05", DIABETES.apply(0.05));
        Table at01 = LrDoctor.bestEpochs("lr=0.01", DIABETES.apply(0.01));
        assertEquals(9, at05.intColumn("best_epoch").get(1), "validation best at epoch 9 of 30");
        assertTrue(at05.doubleColumn("last_loss").get(1) > 1.5 * at05.doubleColumn("best_loss").get(1), "ends far above");
        assertEquals(17, at05.intColumn("best_epoch").get(0), "training stopped improving halfway too");
        assertEquals(RunClass.OSCILLATING, LrDoctor.diagnose(DIABETES.apply(0.1)).verdict(), "x2 makes it worse");
        assertTrue(at01.doubleColumn("last_loss").get(1) < 1.1 * at01.doubleColumn("best_loss").get(1),
                "the smaller rate ends close to its best validation loss");
    }

    @Test
    void clippingAtTheMedianNormRemovesTheSpikesAndHalvingTheRateDoesBetter() {
        var probe = GradientClipping.wrap(Optimizers.sgd(0.25).build(), Double.POSITIVE_INFINITY);
        var spiky = FIT.apply(probe);
        var clipper = GradientClipping.wrap(Optimizers.sgd(0.25).build(), probe.normPercentile(50));
        var clipped = FIT.apply(clipper);
        Table spikes = LrDoctor.spikes(LrDoctor.curve("spiky", spiky).append(LrDoctor.curve("clipped", clipped))
                .append(LrDoctor.curve("halved", DIABETES.apply(0.125))));
        double[] worst = spikes.doubleColumn("worst_after_first").asDoubleArray();
        double[] last = spikes.doubleColumn("final_train_loss").asDoubleArray();
        assertTrue(worst[0] > 40 * last[2], "a spike fifty times the usual level: " + worst[0]);
        assertTrue(worst[1] < 6000 && worst[2] < 4000, "clipped " + worst[1] + ", halved " + worst[2]);
        assertTrue(last[2] < last[1] && last[1] < last[0], "halved < clipped < spiky at the end");
        assertEquals(72, clipper.clippedSteps());
        assertEquals(360, clipper.norms().length);
    }

    @Test
    void rateOneTenthOscillatesAndHalvingCuresIt() {
        Table t = LrDoctor.treat(DIABETES, 0.1, 5);
        assertEquals("OSCILLATING", t.stringColumn("verdict").get(0));
        assertEquals("CONVERGED", t.stringColumn("verdict").get(t.rowCount() - 1));
        assertEquals(0.05, t.doubleColumn("lr").get(t.rowCount() - 1), 1e-15);
    }

    @Test
    void tinyRateStallsAndDoublingEndsConverged() {
        Table t = LrDoctor.treat(DIABETES, 1e-4, 8);
        assertEquals("STALLED", t.stringColumn("verdict").get(0));
        assertEquals("CONVERGED", t.stringColumn("verdict").get(t.rowCount() - 1));
        assertTrue(t.doubleColumn("last_loss").get(t.rowCount() - 1) < 0.2 * t.doubleColumn("last_loss").get(0));
    }

    @Test
    void classifierPatientsEndConvergedFromBothSides() {
        Table high = LrDoctor.treat(CANCER, 50, 8);
        Table low = LrDoctor.treat(CANCER, 1e-4, 10);
        assertEquals("OSCILLATING", high.stringColumn("verdict").get(0));
        assertEquals("STALLED", low.stringColumn("verdict").get(0));
        assertEquals("CONVERGED", high.stringColumn("verdict").get(high.rowCount() - 1));
        assertEquals("CONVERGED", low.stringColumn("verdict").get(low.rowCount() - 1));
    }

    @Test
    void curvesStackOneRunPerRate() {
        Table c = LrDoctor.curves(DIABETES, 0.05, 0.01);
        assertEquals(60, c.rowCount());
        assertEquals(2, c.stringColumn("run").unique().size());
    }
}
