package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import lrlab.analysis.RateSweep;
import lrlab.data.Datasets;
import lrlab.data.RareFeatures;
import lrlab.data.Split;
import lrlab.model.LogisticRegression;
import lrlab.optim.Adam;
import lrlab.optim.Optimizers;
import lrlab.optim.RmsProp;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The facts notebook 09 (adaptive methods) states: the defaults, per-parameter effective rates on raw
 * breast-cancer features, step sizes over time, sensitivity to the rate, and sparse gradients.
 */
class Lesson09FactsTest {

    private static final Split RAW = Datasets.breastCancer().split(0.8, 0);
    private static final LogisticRegression MODEL = LogisticRegression.of(RAW.train());
    private static final double ETA = 0.01;

    @Test
    void adamsSecondMomentDecayIsPoint999AndRmspropsIsADifferentDefaultPoint99() {
        Adam.Config adam = Optimizers.adam().config();
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        RmsProp.Config rmsprop = Optimizers.rmsprop().config();
        assertEquals(0.99, rmsprop.alpha());
    }

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

    private static double[] steps(String name) {
        var mini = EffectiveSteps.of(MODEL).steps(300);
        return mini.stepSizes(name, OptimizerFamily.factory(name).apply(ETA), 32).doubleColumn("mean_abs_step")
                .asDoubleArray();
    }

    private static double lateMedian(double[] sizes) {
        double[] late = Arrays.copyOfRange(sizes, 200, 300);
        Arrays.sort(late);
        return late[late.length / 2];
    }

    @Test
    void adagradsStepsStayMostlyBelowEtaOverRootTAndEndFortyTimesBelowEta() {
        double[] s = steps("AdaGrad");
        Tol.assertClose(ETA, s[0], 1e-3, "the first step is η");
        int above = 0;
        for (int t = 10; t <= 300; t++) {
            above += s[t - 1] > ETA / Math.sqrt(t) ? 1 : 0;
        }
        assertTrue(above < 0.1 * 291, "mostly at or below η/√t after the tenth step: " + above + " above");
        double late = lateMedian(s);
        assertTrue(late > ETA / 60 && late < ETA / 25, "about forty times below η: " + late);
    }

    @Test
    void rmspropStartsAtTenEtaWithoutBiasCorrectionAndSettlesAtAboutHalfEta() {
        double[] s = steps("RMSprop");
        Tol.assertClose(10 * ETA, s[0], 1e-3, "η/√(1 − α)");
        Tol.assertClose(0.5 * ETA, lateMedian(s), 0.3, "about half of η");
    }

    @Test
    void adamsFirstStepsAreEtaAndItsLateStepsAboutATenth() {
        double[] s = steps("Adam");
        Tol.assertClose(ETA, s[0], 1e-3, "the first step is η");
        Tol.assertClose(ETA, s[1], 0.01, "the second too");
        Tol.assertClose(0.1 * ETA, lateMedian(s), 0.3, "about a tenth of η");
        assertTrue(lateMedian(s) > 2 * lateMedian(steps("AdaGrad")), "still well above AdaGrad's");
    }

    @Test
    void onRawFeaturesSgdHasNoGoodRateWhileTheAdaptiveMethodsKeepHalfADecadeAndStandardisedSgdAFullOne() {
        Split std = Datasets.breastCancer().split(0.8, 0).standardize();
        double[] rates = RateSweep.logspace(1e-6, 10, 15);
        for (String problem : new String[] {"raw", "standardised"}) {
            Table sweeps = problem.equals("raw")
                    ? Sensitivity.on("raw", MODEL, RAW.validation()).epochs(10).sweep(OptimizerFamily.all(), rates)
                    : Sensitivity.on("standardised", LogisticRegression.of(std.train()), std.validation()).epochs(10)
                            .sweep(OptimizerFamily.all(), rates);
            Table bands = Sensitivity.rangesBelow(sweeps, 1.25 * sweeps.doubleColumn("val_loss").min());
            for (String name : new String[] {"AdaGrad", "RMSprop", "Adam"}) {
                Tol.assertClose(0.5, Sensitivity.value(bands, problem, name, "decades"), 1e-9, problem + " " + name);
            }
            Tol.assertClose(problem.equals("raw") ? 0 : 1, Sensitivity.value(bands, problem, "SGD", "decades"), 0, 1e-9,
                    problem + " SGD");
            if (problem.equals("raw")) {
                assertTrue(Sensitivity.value(bands, "raw", "Adam", "best_loss") > 4 * 0.0875, "far from standardised");
            }
        }
    }

    @Test
    void onRareFeaturesAdagradHalvesSgdsErrorOnTheRareWeights() {
        var sparse = SparseTraining.on(RareFeatures.generate(4000, 10, 10, 0.5, 0.02, 2.0, 0)).epochs(5);
        Table summary = SparseTraining.summary(sparse.compare(OptimizerFamily.all(), 0.01, 0.03, 0.1, 0.3, 1, 3));
        double[] rare = summary.doubleColumn("rare_error").asDoubleArray();       // SGD, AdaGrad, RMSprop, Adam
        double[] common = summary.doubleColumn("common_error").asDoubleArray();
        double[] loss = summary.doubleColumn("loss").asDoubleArray();
        Tol.assertClose(0.75, rare[0], 0.05, "SGD's rare error");
        Tol.assertClose(0.5, rare[1] / rare[0], 0.1, "AdaGrad halves it");
        assertTrue(rare[2] < rare[1] && rare[3] < rare[1], "RMSprop and Adam do better still");
        for (int i = 0; i < 4; i++) {
            assertTrue(common[i] > 0.1 && common[i] < 0.2, "common error " + common[i]);
        }
        assertTrue(Arrays.stream(loss).max().getAsDouble() < 1.02 * Arrays.stream(loss).min().getAsDouble(),
                "nearly the same training loss");
    }
}
