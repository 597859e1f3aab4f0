package lrlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import lrlab.data.Dataset;
import lrlab.data.Datasets;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.train.Trainer;
import org.junit.jupiter.api.Test;

/** The training hot loop allocates nothing after warm-up (measured with the JVM's per-thread counter). */
class NoAllocationTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void anEpochOfEveryModelAllocatesNothingAfterWarmUp() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        Dataset digits = Datasets.digits().standardize();
        Dataset cancer = Datasets.breastCancer().standardize();
        Dataset diabetes = Datasets.diabetes().standardize();
        Model[] models = {Mlp.of(digits, 32), Mlp.of(digits, 16, Activation.TANH), SoftmaxRegression.of(digits),
            LogisticRegression.of(cancer), LinearRegression.of(diabetes)};
        for (Model m : models) {
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
