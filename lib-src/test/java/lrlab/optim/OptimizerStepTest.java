package lrlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import java.util.stream.Stream;
import lrlab.testutil.Tol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-computed single steps of each update rule, groups, scheduler access, reset and allocation. */
class OptimizerStepTest {

    private static double[] step(Optimizer opt, double[] x, double... g) {
        opt.step(x, g);
        return x;
    }

    @Test
    void plainSgdStepsAgainstTheGradient() {
        assertArrayEquals(new double[] {0.8, -0.5}, step(Optimizers.sgd(0.1).build(), new double[] {1, -0.5}, 2, 0));
    }

    @Test
    void sgdMomentumIsNotDampenedOnTheFirstStep() {
        Optimizer opt = Optimizers.sgd(0.1).momentum(0.9).dampening(0.5).build();
        double[] x = {0};
        step(opt, x, 1);                  // buf = 1
        Tol.assertClose(-0.1, x[0], 1e-15, 0, "first step uses buf = g");
        step(opt, x, 1);                  // buf = 0.9 + 0.5 = 1.4
        Tol.assertClose(-0.24, x[0], 1e-15, 0, "second step dampened");
    }

    @Test
    void nesterovLooksAhead() {
        Optimizer opt = Optimizers.sgd(0.1).momentum(0.9).nesterov(true).build();
        double[] x = {0};
        step(opt, x, 1);                  // buf = 1, d = 1 + 0.9
        Tol.assertClose(-0.19, x[0], 1e-15, 0, "nesterov first step");
    }

    @Test
    void sgdWeightDecayIsAddedToTheGradient() {
        double[] x = step(Optimizers.sgd(0.1).weightDecay(0.5).build(), new double[] {2}, 0);
        Tol.assertClose(1.9, x[0], 1e-15, 0, "x - lr*wd*x");
    }

    @Test
    void momentumSwitchedOnBySchedulerStartsTheBufferAtTheGradient() {
        Optimizer opt = Optimizers.sgd(0.1).build();
        double[] x = {0};
        step(opt, x, 1);
        opt.setMomentum(0, 0.9);
        step(opt, x, 1);                  // buf = g = 1
        step(opt, x, 1);                  // buf = 1.9
        Tol.assertClose(-0.1 - 0.1 - 0.19, x[0], 1e-15, 0, "buffer starts at the first momentum step");
    }

    @Test
    void adagradDecaysTheRateWithTMinusOne() {
        Optimizer opt = Optimizers.adagrad(1.0).lrDecay(1.0).build();
        double[] x = {0};
        step(opt, x, 1);                  // clr = 1, sum = 1
        Tol.assertClose(-1.0, x[0], 1e-9, 0, "step 1");
        step(opt, x, 1);                  // clr = 1/2, sum = 2
        Tol.assertClose(-1.0 - 0.5 / Math.sqrt(2), x[0], 1e-9, 0, "step 2");
    }

    @Test
    void rmspropFirstStepNormalisesBySqrtOneMinusAlpha() {
        double[] x = step(Optimizers.rmsprop(0.01).build(), new double[] {0}, 3);
        Tol.assertClose(-0.01 * 3 / (Math.sqrt(0.01 * 9) + 1e-8), x[0], 1e-14, 0, "rmsprop step 1");
    }

    @Test
    void adamFirstStepMovesByAboutLr() {
        double[] x = step(Optimizers.adam(0.1).build(), new double[] {0, 0}, 5, -0.001);
        Tol.assertClose(-0.1, x[0], 1e-8, 0, "bias-corrected step");
        Tol.assertClose(0.1, x[1], 1e-5, 0, "scale-free step");
    }

    @Test
    void adamwDecaysTheWeightsByLrTimesWd() {
        double[] x = step(Optimizers.adamw(0.1).weightDecay(0.5).build(), new double[] {2}, 0);
        Tol.assertClose(2 * (1 - 0.05), x[0], 1e-15, 0, "decoupled decay, zero gradient");
        double[] y = step(Optimizers.adam(0.1).weightDecay(0.5).build(), new double[] {2}, 0);
        Tol.assertClose(1.9, y[0], 1e-8, 0, "L2 decay goes through the moments");
    }

    @Test
    void adamwDefaultWeightDecayIsOneHundredth() {
        assertEquals(0.01, Optimizers.adamw(1e-3).config().weightDecay());
        assertEquals(0.0, Optimizers.adam(1e-3).config().weightDecay());
    }

    @Test
    void groupsUseTheirOwnLearningRate() {
        Sgd opt = Optimizers.sgd(0.1).group(0, 1).group(1, 3, 0.01).build();
        assertEquals(2, opt.groupCount());
        double[] x = step(opt, new double[] {0, 0, 0}, 1, 1, 1);
        assertArrayEquals(new double[] {-0.1, -0.01, -0.01}, x);
        opt.setLr(1, 0.5);
        step(opt, x, 1, 1, 1);
        assertArrayEquals(new double[] {-0.2, -0.51, -0.51}, x);
        assertEquals(0.1, opt.lr());
    }

    @Test
    void setLrAppliesToTheNextStep() {
        Optimizer opt = Optimizers.sgd(0.1).build();
        opt.setLr(0.0);
        assertArrayEquals(new double[] {1}, step(opt, new double[] {1}, 5));
    }

    static Stream<Arguments> builders() {
        return Stream.of(
                Arguments.of("sgd", (Supplier<Optimizer>) () -> Optimizers.sgd(0.05).momentum(0.9).weightDecay(0.01).build()),
                Arguments.of("adagrad", (Supplier<Optimizer>) () -> Optimizers.adagrad(0.1).lrDecay(0.01).build()),
                Arguments.of("rmsprop", (Supplier<Optimizer>) () -> Optimizers.rmsprop(0.01).centered(true).momentum(0.5).build()),
                Arguments.of("adam", (Supplier<Optimizer>) () -> Optimizers.adam(0.1).amsgrad(true).build()),
                Arguments.of("adamw", (Supplier<Optimizer>) () -> Optimizers.adamw(0.1).build()));
    }

    private static double[] run(Optimizer opt, int steps) {
        double[] x = {1.0, -2.0, 0.5};
        double[] g = new double[3];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < 3; i++) {
                g[i] = (i + 1) * x[i] - 0.3;
            }
            opt.step(x, g);
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builders")
    void resetForgetsTheRunSoItRepeatsExactly(String name, Supplier<Optimizer> build) {
        Optimizer opt = build.get();
        double[] first = run(opt, 20);
        assertEquals(20, opt.stepCount());
        opt.reset();
        assertEquals(0, opt.stepCount());
        assertArrayEquals(first, run(opt, 20));
        assertArrayEquals(first, run(build.get(), 20));
    }

    /**
     * A step allocates nothing: the fewest bytes any of three windows of 1000 steps allocated stays below one
     * step's worth of a single small array. A one-off allocation by the JVM itself (a compilation or
     * deoptimisation event lands in one window) cannot fail the test; an allocation per step shows in all three.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("builders")
    void stepsAllocateNothing(String name, Supplier<Optimizer> build) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Optimizer opt = build.get();
        double[] x = new double[1000];
        double[] g = new double[1000];
        java.util.Arrays.fill(g, 0.1);
        opt.step(x, g);
        long fewest = Long.MAX_VALUE;
        for (int window = 0; window < 3; window++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int t = 0; t < 1000; t++) {
                opt.step(x, g);
            }
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertTrue(fewest < 1024, name + " allocated " + fewest + " bytes in 1000 steps");
    }

    @Test
    void configIsImmutableAndPrintable() {
        Adam.Config c = Optimizers.adam(1e-3).betas(0.8, 0.95).config();
        assertTrue(c.toString().contains("beta1=0.8"), c.toString());
        Adam a = c.build();
        Adam b = c.build();
        a.step(new double[] {1}, new double[] {1});
        assertEquals(1, a.stepCount());
        assertEquals(0, b.stepCount());
        a.setMomentum(0, 0.5);
        assertEquals(0.8, c.beta1());
        assertEquals(0.8, b.momentum(0));
        assertFalse(Optimizers.adagrad(0.1).build().hasMomentum());
    }
}
