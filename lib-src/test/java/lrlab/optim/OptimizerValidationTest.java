package lrlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad hyperparameter is refused with a message naming the argument, its value and the range. */
class OptimizerValidationTest {

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                bad("lr", "-0.1", () -> Optimizers.sgd(-0.1).build()),
                bad("lr", "0.0", () -> Optimizers.adam(0).build()),
                bad("lr", "NaN", () -> Optimizers.rmsprop(Double.NaN).build()),
                bad("lr", "Infinity", () -> Optimizers.adagrad(Double.POSITIVE_INFINITY).build()),
                bad("momentum", "-0.5", () -> Optimizers.sgd(0.1).momentum(-0.5).build()),
                bad("dampening", "1.5", () -> Optimizers.sgd(0.1).momentum(0.9).dampening(1.5).build()),
                bad("nesterov", "0.0", () -> Optimizers.sgd(0.1).nesterov(true).build()),
                bad("nesterov", "0.1", () -> Optimizers.sgd(0.1).momentum(0.9).dampening(0.1).nesterov(true).build()),
                bad("weightDecay", "-0.01", () -> Optimizers.sgd(0.1).weightDecay(-0.01).build()),
                bad("weightDecay", "-1.0", () -> Optimizers.adamw(0.1).weightDecay(-1).build()),
                bad("beta1", "1.0", () -> Optimizers.adam(0.1).betas(1.0, 0.999).build()),
                bad("beta2", "-0.1", () -> Optimizers.adam(0.1).betas(0.9, -0.1).build()),
                bad("eps", "0.0", () -> Optimizers.adam(0.1).eps(0).build()),
                bad("eps", "-1.0E-8", () -> Optimizers.rmsprop(0.1).eps(-1e-8).build()),
                bad("eps", "0.0", () -> Optimizers.adagrad(0.1).eps(0).build()),
                bad("alpha", "1.5", () -> Optimizers.rmsprop(0.1).alpha(1.5).build()),
                bad("momentum", "-1.0", () -> Optimizers.rmsprop(0.1).momentum(-1).build()),
                bad("lrDecay", "-0.1", () -> Optimizers.adagrad(0.1).lrDecay(-0.1).build()),
                bad("initialAccumulatorValue", "-1.0", () -> Optimizers.adagrad(0.1).initialAccumulatorValue(-1).build()),
                bad("group lr", "-2.0", () -> Optimizers.sgd(0.1).group(0, 2, 0.1).group(2, 3, -2).build()),
                bad("group range", "[2, 1)", () -> Optimizers.sgd(0.1).group(2, 1, 0.1).build()),
                bad("group 1 starts at fromIndex 3", "expected 2",
                        () -> Optimizers.sgd(0.1).group(0, 2).group(3, 5).build()));
    }

    private static Arguments bad(String argument, String value, Supplier<Optimizer> build) {
        return Arguments.of(argument, value, build);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badConfigurations")
    void refusesWithAMessageNamingArgumentAndValue(String argument, String value, Supplier<Optimizer> build) {
        var e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().contains(argument) && e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void gradientLengthMustMatchParams() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.sgd(0.1).build().step(new double[2], new double[3]));
        assertEquals("gradient must have length 2 (the length of params), got 3", e.getMessage());
    }

    @Test
    void paramsLengthMustStayTheDimension() {
        Optimizer opt = Optimizers.adam(0.1).build(2);
        var e = assertThrows(IllegalArgumentException.class, () -> opt.step(new double[3], new double[3]));
        assertEquals("params must have length 2 (the optimizer's dimension, fixed at build or by the first step), got 3", e.getMessage());
        Optimizer lazy = Optimizers.adam(0.1).build();
        lazy.step(new double[2], new double[2]);
        assertThrows(IllegalArgumentException.class, () -> lazy.step(new double[1], new double[1]));
    }

    @Test
    void groupsMustCoverTheParameters() {
        Optimizer opt = Optimizers.sgd(0.1).group(0, 2).group(2, 3, 0.5).build();
        var e = assertThrows(IllegalArgumentException.class, () -> opt.step(new double[4], new double[4]));
        assertTrue(e.getMessage().contains("[0, 3)") && e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd(0.1).group(0, 2).build(5));
    }

    @Test
    void scheduledLrMayBeZeroButNotNegative() {
        Optimizer opt = Optimizers.sgd(0.1).build();
        opt.setLr(0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> opt.setLr(0, -0.1));
        assertTrue(e.getMessage().contains("lr") && e.getMessage().contains("-0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> opt.setLr(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> opt.lr(1));
    }

    @Test
    void betaOneSetBetweenStepsMustStayBelowOne() {
        Optimizer adam = Optimizers.adam(0.1).build();
        var e = assertThrows(IllegalArgumentException.class, () -> adam.setMomentum(0, 1.0));
        assertTrue(e.getMessage().contains("beta1") && e.getMessage().contains("1.0"), e.getMessage());
    }

    @Test
    void adagradHasNoMomentum() {
        Optimizer adagrad = Optimizers.adagrad(0.1).build();
        assertThrows(IllegalStateException.class, () -> adagrad.momentum(0));
        assertThrows(IllegalStateException.class, () -> adagrad.setMomentum(0, 0.9));
    }
}
