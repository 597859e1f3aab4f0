package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleFunction;
import lrlab.analysis.RunClass;
import lrlab.data.Datasets;
import lrlab.model.LinearRegression;
import lrlab.model.LogisticRegression;
import lrlab.optim.Optimizers;
import lrlab.train.Trainer;
import lrlab.train.TrainingResult;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The diagnoses and treatments notebook 06 (debugging) shows. */
class Lesson06FactsTest {

    private static final DoubleFunction<TrainingResult> DIABETES;
    private static final DoubleFunction<TrainingResult> CANCER;

    static {
        var split = Datasets.diabetes().split(0.8, 0).standardize();
        var model = LinearRegression.of(split.train());
        DIABETES = lr -> Trainer.of(model, Optimizers.sgd(lr).build())
                .validation(split.validation()).batchSize(32).epochs(30).seed(0).fit();
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
