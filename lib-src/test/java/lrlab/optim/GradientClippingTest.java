package lrlab.optim;

import static lrlab.testutil.Tol.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import lrlab.schedule.Schedulers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradientClippingTest {

    @Test
    void aLongGradientIsScaledToTheThresholdKeepingItsDirection() {
        double[] g = {3, 4};
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(g, 1.0));
        assertClose(new double[] {0.6, 0.8}, g, 1e-15, 0, "g after clipping to norm 1");
    }

    @Test
    void aShortGradientIsLeftAlone() {
        double[] g = {0.3, -0.4};
        assertEquals(0.5, GradientClipping.clipByGlobalNorm(g, 1.0), 1e-15);
        assertArrayEquals(new double[] {0.3, -0.4}, g);
    }

    @Test
    void anInfiniteThresholdOnlyMeasures() {
        double[] g = {1e200, 1e200};
        GradientClipping.clipByGlobalNorm(g, Double.POSITIVE_INFINITY);
        assertArrayEquals(new double[] {1e200, 1e200}, g);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN})
    void aThresholdThatIsNotPositiveIsRejectedWithItsValue(double maxNorm) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipByGlobalNorm(new double[] {1}, maxNorm));
        assertEquals("maxNorm must be > 0 (may be infinite), got " + maxNorm, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.wrap(Optimizers.sgd(0.1).build(), maxNorm));
    }

    @Test
    void theWrapperStepsOnTheClippedGradientAndLeavesTheCallersArrayAlone() {
        var clipped = GradientClipping.wrap(Optimizers.sgd(0.5).build(), 1.0);
        double[] x = {0, 0};
        double[] g = {30, 40};
        clipped.step(x, g);
        assertClose(new double[] {-0.3, -0.4}, x, 1e-15, 0, "x = -0.5 * (0.6, 0.8)");
        assertArrayEquals(new double[] {30, 40}, g);
        clipped.step(x, new double[] {0.1, 0});
        assertClose(new double[] {-0.35, -0.4}, x, 1e-15, 0, "a short gradient steps unclipped");
        assertEquals(1, clipped.clippedSteps());
        assertArrayEquals(new double[] {50, 0.1}, clipped.norms(), 1e-15);
    }

    @Test
    void aSchedulerDrivesTheWrappedOptimizersRate() {
        var clipped = GradientClipping.wrap(Optimizers.sgd(0.1).build(), 1.0);
        var s = Schedulers.stepLR(clipped, 1, 0.5);
        s.step();
        assertEquals(0.05, clipped.inner().lr(), 1e-15);
        clipped.reset();
        assertEquals(0, clipped.norms().length);
    }

    @Test
    void clippingAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] g = new double[1000];
        java.util.Arrays.fill(g, 1.0);
        for (int i = 0; i < 20_000; i++) { // JIT warm-up
            GradientClipping.clipByGlobalNorm(g, 10.0);
        }
        long bytes = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && bytes >= 100_000; attempt++) { // a JIT event may allocate once
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                g[0] = 1.0 + i;
                GradientClipping.clipByGlobalNorm(g, 10.0);
            }
            bytes = bean.getCurrentThreadAllocatedBytes() - before;
        }
        // one object per clip would cost at least 16 bytes each, 1.6 MB in all
        assertTrue(bytes < 100_000, "100,000 clips allocated " + bytes + " bytes");
    }
}
