package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import lrlab.analysis.RateSweep;
import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.model.LogisticRegression;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.lesson.EffectiveSteps;
import lrlab.lesson.Sensitivity;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The facts notebook 09 (adaptive methods) shows: logistic regression on raw breast-cancer features. */
class Lesson09FactsTest {

    private static final Split RAW = Datasets.breastCancer().split(0.8, 0);
    private static final LogisticRegression MODEL = LogisticRegression.of(RAW.train());

    @Test
    void adamGivesSmallGradientParametersLargerEffectiveRatesAndSgdOneRateForAll() {
        var probe = EffectiveSteps.of(MODEL).steps(20);
        Table adam = probe.measure("Adam", Optimizers.adam(0.01).build()).sortAscendingOn("mean_abs_grad");
        Table sgd = probe.measure("SGD", Optimizers.sgd(1e-5).build());
        int last = adam.rowCount() - 1;
        assertTrue(adam.doubleColumn("effective_lr").get(0) > 100 * adam.doubleColumn("effective_lr").get(last));
        assertTrue(adam.doubleColumn("mean_abs_step").max() < 2 * adam.doubleColumn("mean_abs_step").min());
        assertEquals(1e-5, sgd.doubleColumn("effective_lr").min(), 1e-12);
        assertEquals(1e-5, sgd.doubleColumn("effective_lr").max(), 1e-12);
    }

    @Test
    void onRawFeaturesAdamsGoodBandIsWiderThanSgds() {
        Map<String, DoubleFunction<Optimizer>> family = new LinkedHashMap<>();
        family.put("SGD", lr -> Optimizers.sgd(lr).build());
        family.put("Adam", lr -> Optimizers.adam(lr).build());
        Table sweeps = Sensitivity.on("raw", MODEL, RAW.validation()).epochs(10).sweep(family, RateSweep.logspace(1e-6, 10, 15));
        Table bands = Sensitivity.rangesBelow(sweeps, 1.25 * sweeps.doubleColumn("val_loss").min());
        assertEquals(0.0, bands.doubleColumn("decades").get(0));
        assertTrue(bands.doubleColumn("decades").get(1) > 0);
    }
}
