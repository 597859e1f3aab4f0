package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.analysis.GradientNoise;
import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.model.Mlp;
import lrlab.optim.Optimizers;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The facts notebook 08 (batch size) states: digits network, η₀ = 0.2 at batch 32, 10 epochs; the gradient
 * noise against its formula, the noise scale under each rule, the rules' results and sharpness, warmup and
 * curvature, and Adam under the linear and square-root rules.
 */
class Lesson08FactsTest {

    private static final int[] BATCHES = {8, 16, 32, 64, 128, 256, 512};
    private static final Split DIGITS = Datasets.digits().split(0.8, 0).standardize();
    private static final Mlp MLP = Mlp.of(DIGITS.train(), 32);
    private static final BatchScaling SCALING = BatchScaling.on(MLP, DIGITS.validation()).base(0.2, 32).epochs(10)
            .warmupEpochs(2);
    private static final Table NOISE = GradientNoise.of(MLP).table(MLP.initialParams(0), BATCHES);
    private static final Table RUNS = SCALING.sharpnessAtEnd(true).run(BATCHES);

    private static double at(Table t, String run, int batch, String column) {
        Table r = t.where(t.stringColumn("run").isEqualTo(run).and(t.intColumn("batch").isEqualTo(batch)));
        return r.doubleColumn(column).getDouble(0);
    }

    private static double noise(int batch, String column) {
        return NOISE.where(NOISE.intColumn("batch").isEqualTo(batch)).doubleColumn(column).get(0);
    }

    @Test
    void theMeasuredNoiseFollowsTheFormulaAndEqualsTheSignalNearBatch50() {
        for (int b : BATCHES) {
            Tol.assertClose(1.0, noise(b, "ratio"), 0.08, "measured / predicted at batch " + b);
        }
        Tol.assertClose(1.5, noise(32, "noise_to_signal"), 0.15, "noise over signal at 32");
        double traceSigma = GradientNoise.of(MLP).perExampleVariance(MLP.initialParams(0));
        Tol.assertClose(50, traceSigma / noise(32, "signal"), 0.1, "the simple noise scale tr Σ / ‖g‖²");
    }

    @Test
    void theLinearRuleKeepsTheNoiseScaleWhileAFixedRateLosesAHundredfold() {
        Table scales = SCALING.noiseScales(NOISE);
        double fixedDrop = scales.doubleColumn("fixed").get(0) / scales.doubleColumn("fixed").get(6);
        assertTrue(fixedDrop > 80 && fixedDrop < 130, "fixed rate: " + fixedDrop);
        for (double v : scales.doubleColumn("linear").asDoubleArray()) {
            assertTrue(v > 0.055 && v < 0.1, "linear rule: " + v);
        }
        int n = DIGITS.train().rows();
        Tol.assertClose(0.64, (n - 512.0) / (n - 1), 0.01, "the finite-sample factor at 512");
        Tol.assertClose(0.82, (n - 256.0) / (n - 1), 0.01, "the finite-sample factor at 256");
    }

    @Test
    void theLinearRuleReproducesTheTrainingLossFromBatch8To256AndBreaksAt512() {
        double base = at(RUNS, BatchScaling.SCALED, 32, "train_loss");
        Tol.assertClose(0.03, base, 0.05, "training loss at 32");
        for (int b : new int[] {8, 16, 64, 128, 256}) {
            Tol.assertClose(base, at(RUNS, BatchScaling.SCALED, b, "train_loss"), 0.05, "linear rule, batch " + b);
        }
        assertTrue(at(RUNS, BatchScaling.SCALED, 512, "val_loss") > 10 * at(RUNS, BatchScaling.SCALED, 32, "val_loss"));
        assertEquals(3.2, at(RUNS, BatchScaling.SCALED, 512, "lr"), 1e-12);
    }

    @Test
    void aFixedRateUnderTrainsLargeBatchesAndTheSquareRootRuleLessSo() {
        assertEquals(30, SCALING.totalSteps(512));
        assertTrue(at(RUNS, BatchScaling.FIXED, 512, "val_loss") > 4 * at(RUNS, BatchScaling.FIXED, 32, "val_loss"));
        double sqrt = at(RUNS, BatchScaling.SQRT, 512, "train_loss");
        assertTrue(sqrt > 3 * at(RUNS, BatchScaling.SQRT, 32, "train_loss"), "square root under-trains");
        assertTrue(sqrt < at(RUNS, BatchScaling.FIXED, 512, "train_loss"), "less than the fixed rate");
    }

    @Test
    void warmupEndsWithinAQuarterOfThePlainLinearRuleBelow512() {
        for (int b : new int[] {64, 128, 256}) {
            double plain = at(RUNS, BatchScaling.SCALED, b, "val_loss");
            double warm = at(RUNS, BatchScaling.WARMUP, b, "val_loss");
            assertTrue(Math.abs(warm - plain) < 0.25 * plain, "batch " + b + ": " + warm + " vs " + plain);
        }
    }

    @Test
    void sharpnessGrowsWithTheBatchOnlyWhenTheRateIsFixed() {
        double previous = 0;
        for (int b : BATCHES) {
            double s = at(RUNS, BatchScaling.FIXED, b, "sharpness");
            assertTrue(s > previous, "fixed rate, batch " + b + ": " + s);
            previous = s;
        }
        Tol.assertClose(0.1, at(RUNS, BatchScaling.FIXED, 8, "sharpness"), 0.15, "about 0.1 at batch 8");
        Tol.assertClose(1.3, at(RUNS, BatchScaling.FIXED, 512, "sharpness"), 0.05, "about 1.3 at batch 512");
        for (int b : new int[] {8, 16, 32, 64, 128, 256}) {
            double s = at(RUNS, BatchScaling.SCALED, b, "sharpness");
            double gap = at(RUNS, BatchScaling.SCALED, b, "gap");
            assertTrue(s >= 0.38 && s <= 0.47, "linear rule sharpness at " + b + ": " + s);
            assertTrue(gap >= 0.085 && gap <= 0.145, "linear rule gap at " + b + ": " + gap);
        }
        double broken = at(RUNS, BatchScaling.SCALED, 512, "sharpness");
        assertTrue(3.2 * broken > 2, "η·λ at the broken run: " + 3.2 * broken);
    }

    @Test
    void atBatch512TheNetworkFlattensItselfAt24WithOrWithoutWarmupAndSettlesAt32Neither() {
        WarmupCurvature warm = WarmupCurvature.on(MLP, DIGITS.validation()).batch(512).epochs(8).warmupEpochs(2);
        Table t = warm.run(2.4, 3.2);
        Table plain24 = t.where(t.stringColumn("run").isEqualTo("η = 2.40"));
        Table warm24 = t.where(t.stringColumn("run").isEqualTo("η = 2.40 after warmup"));
        Table plain32 = t.where(t.stringColumn("run").isEqualTo("η = 3.20"));
        Table warm32 = t.where(t.stringColumn("run").isEqualTo("η = 3.20 after warmup"));
        Tol.assertClose(0.7, plain24.doubleColumn("sharpness").get(0), 0.02, "λ at initialisation");
        assertTrue(plain24.doubleColumn("lr_times_sharpness").get(0) < 2);
        assertTrue(plain32.doubleColumn("lr_times_sharpness").get(0) > 2);
        for (int e = 1; e <= 3; e++) {
            assertTrue(plain24.doubleColumn("lr_times_sharpness").get(e) > 3.3, "overshoot at epoch " + e);
        }
        Tol.assertClose(1.3, plain24.doubleColumn("lr_times_sharpness").get(8), 0.1, "settles near 1.3");
        Tol.assertClose(1.3, warm24.doubleColumn("lr_times_sharpness").get(8), 0.1, "with warmup too");
        assertTrue(warm24.doubleColumn("sharpness").get(2) > plain24.doubleColumn("sharpness").get(0),
                "the curvature rises within two epochs");
        assertTrue(plain32.doubleColumn("lr_times_sharpness").get(8) > 5);
        assertTrue(warm32.doubleColumn("lr_times_sharpness").get(8) > 5);
        assertTrue(warm32.doubleColumn("val_loss").get(8) > plain32.doubleColumn("val_loss").get(8),
                "the warmed-up run does worse");
    }

    @Test
    void theFirstEpochSharpensSmallInitialisationsAndFlattensLargeOnes() {
        Table t = WarmupCurvature.on(MLP, DIGITS.validation()).initialScales(0.2, 32, 0.5, 1, 2, 4);
        assertEquals(java.util.List.of("rises", "rises", "falls", "falls"), t.stringColumn("direction").asList());
    }

    @Test
    void adamUnderTheLinearRuleOverfitsAtLargeBatchesAndTheSquareRootRuleKeepsTheGap() {
        Table adam = BatchScaling.on(MLP, DIGITS.validation()).base(0.003, 32).epochs(10)
                .optimizer(lr -> Optimizers.adam(lr).build())
                .variants(BatchScaling.FIXED, BatchScaling.SCALED, BatchScaling.SQRT).run(32, 512);
        double train32 = at(adam, BatchScaling.SCALED, 32, "train_loss");
        double linTrain = at(adam, BatchScaling.SCALED, 512, "train_loss");
        Tol.assertClose(8, train32 / linTrain, 0.15, "training loss eight times lower");
        Tol.assertClose(2.8, at(adam, BatchScaling.SCALED, 512, "val_loss") / at(adam, BatchScaling.SCALED, 32, "val_loss"),
                0.1, "validation loss nearly three times higher");
        double gap32 = at(adam, BatchScaling.SCALED, 32, "gap");
        Tol.assertClose(4, at(adam, BatchScaling.SCALED, 512, "gap") / gap32, 0.1, "the gap grows fourfold");
        Tol.assertClose(gap32, at(adam, BatchScaling.SQRT, 512, "gap"), 0.1, "the square-root rule keeps it");
        assertTrue(at(adam, BatchScaling.SQRT, 512, "train_loss") > train32, "at a higher training loss");
    }
}
