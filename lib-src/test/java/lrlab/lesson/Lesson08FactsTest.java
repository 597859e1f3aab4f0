package lrlab.lesson;

import static org.junit.jupiter.api.Assertions.assertTrue;

import lrlab.data.Datasets;
import lrlab.data.Split;
import lrlab.model.Mlp;
import lrlab.lesson.BatchScaling;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The facts notebook 08 (batch size) shows: digits network, η₀ = 0.2 at batch 32, 10 epochs. */
class Lesson08FactsTest {

    private static final Table RUNS;

    static {
        Split digits = Datasets.digits().split(0.8, 0).standardize();
        RUNS = BatchScaling.on(Mlp.of(digits.train(), 32), digits.validation()).base(0.2, 32).epochs(10)
                .warmupEpochs(2).run(32, 64, 256, 512);
    }

    private static double loss(String variant, int batch) {
        Table t = RUNS.where(RUNS.stringColumn("run").isEqualTo(variant).and(RUNS.intColumn("batch").isEqualTo(batch)));
        return t.doubleColumn("val_loss").get(0);
    }

    @Test
    void linearScalingKeepsTheLossCloseAtAModeratelyLargerBatch() {
        assertTrue(loss(BatchScaling.SCALED, 64) < 1.25 * loss(BatchScaling.SCALED, 32));
    }

    @Test
    void aFixedRateUnderTrainsLargeBatchesWhileScalingDoesNot() {
        assertTrue(loss(BatchScaling.FIXED, 256) > 2 * loss(BatchScaling.FIXED, 32));
        assertTrue(loss(BatchScaling.WARMUP, 256) < 1.25 * loss(BatchScaling.WARMUP, 32));
    }

    @Test
    void theRuleBreaksDownAtBatch512EvenWithWarmup() {
        assertTrue(!(loss(BatchScaling.SCALED, 512) < 2 * loss(BatchScaling.SCALED, 32)));
        assertTrue(!(loss(BatchScaling.WARMUP, 512) < 2 * loss(BatchScaling.WARMUP, 32)));
    }
}
