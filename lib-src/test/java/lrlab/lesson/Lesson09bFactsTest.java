package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.model.Mlp;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The facts notebook 09b (AdamW) states: digits network, Adam η = 10⁻³, 20 epochs of batches of 32. */
class Lesson09bFactsTest {

    private static final Split DIGITS = Datasets.digits().split(0.8, 0).standardize();
    private static final Mlp MLP = Mlp.of(DIGITS.train(), 32);
    private static final DecoupledDecay DECAY = DecoupledDecay.on(MLP, DIGITS.validation()).lr(1e-3).epochs(20);
    private static final Table NORMS = DECAY.norms(1e-3, 0.1, 1);

    private static Table run(String name) {
        return NORMS.where(NORMS.stringColumn("run").isEqualTo(name));
    }

    @Test
    void threeBlankPixelsGiveNinetySixSilentWeights() {
        var train = DIGITS.train();
        long blank = IntStream.range(0, train.features())
                .filter(j -> IntStream.range(0, train.rows()).allMatch(i -> train.x(i, j) == 0)).count();
        assertEquals(3, blank);
        assertEquals(3 * 32, DECAY.silentParameters().length);
        assertEquals(900, DECAY.totalSteps());
    }

    @Test
    void underAdamWTheSilentWeightsShrinkExactlyAsOneMinusEtaLambdaToTheT() {
        for (double lambda : new double[] {1e-3, 0.1, 1}) {
            Table r = run("AdamW, λ = " + lambda);
            for (int t = 0; t < r.rowCount(); t += 50) {
                Tol.assertClose(r.doubleColumn("predicted_silent_norm").get(t), r.doubleColumn("silent_norm").get(t),
                        1e-9, "λ = " + lambda + ", step " + t);
            }
        }
        Table strong = run("AdamW, λ = 1.0");
        Tol.assertClose(Math.exp(-0.9), strong.doubleColumn("silent_norm").get(900) / strong.doubleColumn("silent_norm").get(0),
                1e-3, "0.41 of the start after 900 steps");
    }

    @Test
    void underAdamPlusL2TheSilentWeightsWalkToZeroWhateverLambdaIs() {
        Table weak = run("Adam + L2, λ = 0.001");
        Table strong = run("Adam + L2, λ = 1.0");
        for (int t : new int[] {10, 50, 100, 200}) {
            Tol.assertClose(weak.doubleColumn("silent_norm").get(t), strong.doubleColumn("silent_norm").get(t), 0.01,
                    "λ a thousandfold apart, step " + t);
        }
        double start = weak.doubleColumn("silent_norm").get(0);
        assertTrue(weak.doubleColumn("silent_norm").get(300) < 1e-2 * start, "gone after a few hundred steps");
    }

    @Test
    void atLambdaOneAdamPlusL2CollapsesTheOtherWeightsAndAdamWKeepsMostOfThem() {
        double l2 = run("Adam + L2, λ = 1.0").doubleColumn("other_norm").get(900);
        double w = run("AdamW, λ = 1.0").doubleColumn("other_norm").get(900);
        double none = run("AdamW, λ = 0.001").doubleColumn("other_norm").get(900);
        assertTrue(l2 < 0.05, "collapsed: " + l2);
        assertTrue(w > 0.7 * none, "AdamW keeps most: " + w + " of " + none);
    }

    @Test
    void theSweepHurtsAdamPlusL2FromOneHundredthAndAdamWOnlyMildlyAtOne() {
        Table sweep = DECAY.sweep(1e-4, 1e-3, 1e-2, 1e-1, 1);
        double none = sweep.doubleColumn("val_loss").get(0);
        java.util.function.BiFunction<String, Double, Table> row = (name, lambda) -> sweep.where(
                sweep.stringColumn("run").isEqualTo(name).and(sweep.doubleColumn("lambda").isEqualTo(lambda)));
        assertTrue(row.apply("Adam + L2", 1e-3).doubleColumn("val_loss").get(0) < 1.02 * none, "harmless at 1e-3");
        assertTrue(row.apply("Adam + L2", 1e-2).doubleColumn("val_loss").get(0) > 1.2 * none, "costs from 1e-2");
        assertTrue(row.apply("Adam + L2", 1.0).doubleColumn("val_accuracy").get(0) < 0.15, "chance at λ = 1");
        for (double lambda : new double[] {1e-4, 1e-3, 1e-2, 1e-1}) {
            assertTrue(row.apply("AdamW", lambda).doubleColumn("val_loss").get(0) < 1.06 * none, "AdamW flat at " + lambda);
        }
        double strong = row.apply("AdamW", 1.0).doubleColumn("val_loss").get(0);
        assertTrue(strong > none && strong < 2 * none, "mildly worse at 1: " + strong);
        assertTrue(row.apply("AdamW", 1.0).doubleColumn("val_accuracy").get(0) > 0.95);
        for (int i = 1; i < sweep.rowCount(); i++) {
            assertTrue(sweep.doubleColumn("val_loss").get(i) >= 0.99 * none, "no decay is never clearly beaten");
        }
    }
}
