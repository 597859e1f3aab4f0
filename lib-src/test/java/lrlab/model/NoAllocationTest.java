package lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import lrlab.data.Dataset;
import lrlab.data.Datasets;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * Training allocates nothing per step after warm-up (measured with the JVM's per-thread counter): both
 * {@link Trainer#fit()}, the path users run, and the bare batch loop it shares with the benchmark.
 */
class NoAllocationTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static Model[] models() {
        Dataset digits = Datasets.digits().standardize();
        Dataset cancer = Datasets.breastCancer().standardize();
        Dataset diabetes = Datasets.diabetes().standardize();
        return new Model[] {Mlp.of(digits, 32), Mlp.of(digits, 16, Activation.TANH),
            LogisticRegression.of(cancer), LinearRegression.of(diabetes)};
    }

    /** Bytes one {@code fit()} of {@code trainer} allocates (its per-run set-up and history included). */
    private static long fitBytes(Trainer trainer) {
        long calibration = -allocated() + allocated();
        long before = allocated();
        trainer.fit();
        return allocated() - before - calibration;
    }

    /**
     * fit() allocates its set-up (order, gradient, history tables) once per run and about 100 bytes of
     * history per epoch, but nothing per step: four more epochs (≥ 111 batches of 4 rows each) cost
     * fewer than 2 bytes per extra step, while a single object per step would cost ≥ 16.
     */
    @Test
    void fitAllocatesNothingPerStepAfterWarmUp() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        for (Model m : models()) {
            Optimizer sgd = Optimizers.sgd(0.01).build(m.dimension());
            Trainer shortRun = Trainer.of(m, sgd).validation(m.data()).batchSize(4).epochs(2);
            Trainer longRun = Trainer.of(m, sgd).validation(m.data()).batchSize(4).epochs(6);
            long extraSteps = 4L * ((m.data().rows() + 3) / 4);
            for (int i = 0; i < 3; i++) { // warm-up: JIT, buffers grown, optimizer state allocated
                shortRun.fit();
                longRun.fit();
            }
            long extra = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 5 && extra >= 2 * extraSteps; attempt++) {
                long shortBytes = fitBytes(shortRun);
                extra = fitBytes(longRun) - shortBytes;
            }
            assertTrue(extra < 2 * extraSteps, m.getClass().getSimpleName() + " allocated " + extra
                    + " bytes more for " + extraSteps + " more steps");
        }
    }

    @Test
    void anEpochOfEveryModelAllocatesNothingAfterWarmUp() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        for (Model m : models()) {
            Optimizer sgd = Optimizers.sgd(0.01).build(m.dimension());
            double[] p = m.initialParams(0);
            double[] g = new double[p.length];
            int[] order = new int[m.data().rows()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(0);
            Trainer.epochs(m, sgd, p, g, order, 32, 3, rng); // warm-up: buffers grown, optimizer state allocated
            long bytes = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 5 && bytes > 0; attempt++) {
                long calibration = -allocated() + allocated(); // the counter's own call allocates
                long before = allocated();
                Trainer.epochs(m, sgd, p, g, order, 32, 2, rng);
                bytes = allocated() - before - calibration;
            }
            assertEquals(0, bytes, m.getClass().getSimpleName() + " allocated " + bytes + " bytes in two epochs");
        }
    }
}
