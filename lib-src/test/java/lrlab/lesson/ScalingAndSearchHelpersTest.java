package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongFunction;
import lrlab.data.Dataset;
import lrlab.data.Datasets;
import lrlab.data.RareFeatures;
import lrlab.data.Split;
import lrlab.display.Plots;
import lrlab.find.LrFinder;
import lrlab.model.LinearRegression;
import lrlab.model.Mlp;
import lrlab.objective.QuadraticForm;
import lrlab.optim.Optimizers;
import lrlab.testutil.Tol;
import lrlab.tune.RandomSearch;
import lrlab.tune.RateObjective;
import lrlab.tune.Tuner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The lesson helpers of notebooks 07–09b: costs, one cycle, scaling rules, warmup, sparse data, weight decay. */
class ScalingAndSearchHelpersTest {

    private static final Split DIABETES = Datasets.diabetes().split(0.8, 0).standardize();
    private static final LinearRegression LINEAR = LinearRegression.of(DIABETES.train());
    private static final Split DIGITS = Datasets.digits().split(0.8, 0).standardize();

    @Test
    void aGridCostsRunsTimesEpochsAndTheTableComparesWithTheFirstRow() {
        SearchCost grid = SearchCost.grid("grid", 6, 8, 45, 2.0);
        assertEquals(6 * 8 * 45, grid.steps());
        assertEquals(48.0, grid.epochs());
        var found = LrFinder.of(LINEAR, Optimizers.sgd(0.1).build()).range(1e-6, 1e-5).iterations(20)
                .run(new double[LINEAR.dimension()]);
        Table t = SearchCost.table(SearchCost.finder(found, 0.1), grid);
        Tol.assertClose(20 * 32.0 / DIABETES.train().rows(), t.doubleColumn("epochs").get(0), 1e-12, "finder epochs");
        Tol.assertClose(48 / t.doubleColumn("epochs").get(0), t.doubleColumn("epochs_vs_first").get(1), 1e-12, "ratio");
        assertEquals(List.of("run", "optimizer_steps", "epochs", "seconds", "epochs_vs_first"), t.columnNames());
        assertEquals("grid", t.stringColumn("run").get(1));
        assertEquals(grid.table().row(0).toString(), SearchCost.table(grid).row(0).toString());
        assertThrows(IllegalArgumentException.class, () -> new SearchCost(" ", 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SearchCost.grid("g", 0, 8, 45, 1));
        assertThrows(IllegalArgumentException.class, () -> SearchCost.table(new SearchCost[0]));
    }

    @Test
    void theOneCycleScheduleCarriesItsEffectiveStep() {
        var recipe = OneCycleRecipe.on(Mlp.of(DIGITS.train(), 8), DIGITS.validation()).epochs(2).batchSize(64);
        assertEquals(2 * 23, recipe.totalSteps());
        Table curve = recipe.schedule(0.1);
        assertEquals(recipe.totalSteps(), curve.rowCount());
        for (int i = 0; i < curve.rowCount(); i++) {
            Tol.assertClose(curve.doubleColumn("lr").get(i) / (1 - curve.doubleColumn("momentum").get(i)),
                    curve.doubleColumn("effective_step").get(i), 1e-12, "row " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> recipe.schedule(0));
        assertThrows(IllegalArgumentException.class, () -> recipe.momentum(1));
    }

    @Test
    void oneCycleRunsStepTheScheduleOncePerBatchAndEndNearItsFloor() {
        var recipe = OneCycleRecipe.on(Mlp.of(DIGITS.train(), 8), DIGITS.validation()).epochs(2).batchSize(64);
        Table runs = recipe.compare(0.1, 0.1);
        assertEquals(List.of("one cycle to 0.100", "one cycle to 0.100", "constant 0.100", "constant 0.100"),
                runs.stringColumn("run").asList());
        Tol.assertClose(0.1 / 25, runs.doubleColumn("lr").get(0), 1e-12, "the first epoch starts at max/25");
        assertEquals(2, OneCycleRecipe.summary(runs).rowCount());
        Table sweep = recipe.sweep(0.01, 100);
        assertTrue(sweep.booleanColumn("diverged").get(3), "a constant rate of 100 diverges");
    }

    @ParameterizedTest
    @CsvSource({"fixed, 128, 0.2", "linear, 128, 0.8", "square root, 128, 0.4", "linear + warmup, 128, 0.8",
            "square root, 8, 0.1"})
    void eachRuleScalesTheRateItsWay(String variant, int batch, double expected) {
        var scaling = BatchScaling.on(LINEAR, DIABETES.validation()).base(0.2, 32);
        Tol.assertClose(expected, scaling.rate(variant, batch), 1e-12, variant);
    }

    @Test
    void unknownRulesAreNamedWithTheValidOnes() {
        var scaling = BatchScaling.on(LINEAR, DIABETES.validation());
        var e = assertThrows(IllegalArgumentException.class, () -> scaling.variants("cubic"));
        assertTrue(e.getMessage().contains("square root"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> scaling.rate("cubic", 32));
        assertThrows(IllegalArgumentException.class, () -> scaling.rate(BatchScaling.FIXED, 0));
    }

    @Test
    void noiseScalesMultiplyTheMeasuredNoiseByEachRulesRate() {
        var scaling = BatchScaling.on(LINEAR, DIABETES.validation()).base(0.2, 32);
        Table noise = Table.create("noise").addColumns(IntColumn.create("batch", new int[] {32, 128}),
                DoubleColumn.create("measured", new double[] {1.0, 0.25}));
        Table t = scaling.noiseScales(noise);
        Tol.assertClose(0.2 * 0.25, t.doubleColumn("fixed").get(1), 1e-12, "fixed");
        Tol.assertClose(0.8 * 0.25, t.doubleColumn("linear").get(1), 1e-12, "linear: the same as at 32");
        Tol.assertClose(0.4 * 0.25, t.doubleColumn("square_root").get(1), 1e-12, "square root");
    }

    @Test
    void runsReportTheTrainingLossAtTheEndAndTheGap() {
        Table t = BatchScaling.on(LINEAR, DIABETES.validation()).base(0.01, 32).epochs(2)
                .variants(BatchScaling.FIXED).sharpnessAtEnd(true).run(32);
        assertEquals(List.of("fixed"), t.stringColumn("run").asList());
        Tol.assertClose(t.doubleColumn("val_loss").get(0) - t.doubleColumn("train_loss").get(0),
                t.doubleColumn("gap").get(0), 1e-12, "gap");
        assertTrue(t.doubleColumn("sharpness").get(0) > 0);
    }

    @Test
    void onAQuadraticLossTheWarmupTracksSeeAConstantSharpness() {
        // the MSE of linear regression has one Hessian everywhere, so λ is the same at every epoch
        var warm = WarmupCurvature.on(LINEAR, DIABETES.validation()).batchSize(64).epochs(3).warmupEpochs(1)
                .startLr(0.001);
        Table t = warm.run(0.01);
        assertEquals(2 * 4, t.rowCount());
        double first = t.doubleColumn("sharpness").get(0);
        for (int i = 1; i < t.rowCount(); i++) {
            Tol.assertClose(first, t.doubleColumn("sharpness").get(i), 1e-6, "row " + i);
        }
        Tol.assertClose(0.001, t.doubleColumn("lr").get(4), 1e-12, "the warmup run starts from startLr");
        assertThrows(IllegalArgumentException.class, () -> warm.run(0.0005));
        assertThrows(IllegalArgumentException.class, () -> warm.warmupEpochs(3).run(0.01));
        Table scales = warm.initialScales(0.01, 32, 1, 2);
        assertEquals(List.of("init_scale", "sharpness_at_init", "sharpness_after_one_epoch", "direction"),
                scales.columnNames());
    }

    @Test
    void sparseTrainingPicksEachOptimizersBestRateByTrainingLoss() {
        var sparse = SparseTraining.on(RareFeatures.generate(400, 2, 2, 0.5, 0.05, 2, 0)).epochs(2);
        Table runs = sparse.compare(OptimizerFamily.of("SGD"), 1e-6, 1);
        assertEquals(1.0, runs.doubleColumn("lr").get(0), "a rate of 1e-6 learns nothing in two epochs");
        assertEquals(2 * 3, runs.rowCount());
        Table summary = SparseTraining.summary(runs);
        assertEquals(List.of("run", "lr", "loss", "common_error", "rare_error"), summary.columnNames());
        assertThrows(IllegalArgumentException.class, () -> sparse.compare(new LinkedHashMap<>(), 1));
    }

    @Test
    void silentParametersAreThoseWithoutADataGradientAndAdamWShrinksThemByItsLaw() {
        double[] x = new double[40];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = i / 10.0;            // feature 1 is always 0: its weight gets no gradient
            y[i] = 3 * x[2 * i] + 1;
        }
        var model = LinearRegression.of(Dataset.regression("one blank feature", x, 2, y));
        var decay = DecoupledDecay.on(model, model.data()).lr(0.01).epochs(3).batchSize(5);
        assertEquals(1, decay.silentParameters().length);
        assertEquals(1, decay.silentParameters()[0]);
        Table norms = decay.norms(0.5);
        Table w = norms.where(norms.stringColumn("kind").isEqualTo(DecoupledDecay.ADAMW));
        for (int i = 0; i < w.rowCount(); i++) {
            Tol.assertClose(w.doubleColumn("predicted_silent_norm").get(i), w.doubleColumn("silent_norm").get(i), 1e-12,
                    "step " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> decay.optimizer("SGD", 0.1));
        assertThrows(IllegalArgumentException.class, () -> decay.sweep(0));
    }

    @Test
    void stepSizesOfAdaGradStartAtEtaAndTheReferenceIsEtaOverRootT() {
        var probe = EffectiveSteps.of(LINEAR).steps(4);
        Table t = probe.stepSizes("AdaGrad", Optimizers.adagrad(0.01).build(), DIABETES.train().rows());
        Tol.assertClose(0.01, t.doubleColumn("mean_abs_step").get(0), 1e-6, "first full-batch step is η");
        Table ref = probe.inverseSqrt("η/√t", 0.01);
        Tol.assertClose(0.005, ref.doubleColumn("mean_abs_step").get(3), 1e-12, "η/√4");
        assertEquals(List.of("run", "step", "mean_abs_step"), ref.columnNames());
        assertThrows(IllegalArgumentException.class, () -> probe.stepSizes("x", Optimizers.sgd(0.1).build(), 0));
    }

    @Test
    void overSeedsRunsEveryTunerWithEverySeed() {
        RateObjective quadratic = (lr, budget) -> Math.pow(Math.log10(lr) + 2, 2);
        var tuners = new LinkedHashMap<String, LongFunction<Tuner>>();
        tuners.put("random", s -> RandomSearch.logUniform(1e-4, 1).trials(3).seed(s));
        Table t = TunerRace.overSeeds(quadratic, tuners, 1, 2, 3);
        assertEquals(3, t.rowCount());
        assertEquals(List.of("random", "random", "random"), t.stringColumn("run").asList());
        assertThrows(IllegalArgumentException.class, () -> TunerRace.overSeeds(quadratic, tuners));
    }

    @Test
    void columnsDrawsOneLinePerColumnAndRejectsText() {
        Table t = Table.create("t").addColumns(IntColumn.create("b", new int[] {1, 2}),
                DoubleColumn.create("m", new double[] {1, 0.5}), DoubleColumn.create("p", new double[] {1, 0.5}),
                StringColumn.create("s", "a", "b"));
        assertEquals(2, Plots.columns("noise", t, "b", "m", "p").traceCount());
        assertThrows(IllegalArgumentException.class, () -> Plots.columns("noise", t, "b", "s"));
        assertThrows(IllegalArgumentException.class, () -> Plots.columns("noise", t, "b"));
    }

    @Test
    void theStabilityLimitOfAQuadraticIsTwoOverItsTopEigenvalue() {
        QuadraticForm f = QuadraticForm.of(new double[][] {{10, 0}, {0, 1}});
        Tol.assertClose(0.2, lrlab.analysis.Sharpness.stabilityLimit(f, new double[] {0, 0}), 1e-9, "2/10");
    }
}
