package lrlab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckTest {

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of((Executable) () -> Check.positive("lr", -0.1), "lr must be finite and > 0, got -0.1"),
                Arguments.of((Executable) () -> Check.positive("lr", Double.NaN), "lr must be finite and > 0, got NaN"),
                Arguments.of((Executable) () -> Check.positive("lr", Double.POSITIVE_INFINITY),
                        "lr must be finite and > 0, got Infinity"),
                Arguments.of((Executable) () -> Check.positive("stepSize", 0), "stepSize must be > 0, got 0"),
                Arguments.of((Executable) () -> Check.nonNegative("weightDecay", -1.0),
                        "weightDecay must be finite and >= 0, got -1.0"),
                Arguments.of((Executable) () -> Check.nonNegative("lastEpoch", -2), "lastEpoch must be >= 0, got -2"),
                Arguments.of((Executable) () -> Check.finite("x", Double.NEGATIVE_INFINITY),
                        "x must be finite, got -Infinity"),
                Arguments.of((Executable) () -> Check.atLeast("iterations", 1, 2), "iterations must be >= 2, got 1"),
                Arguments.of((Executable) () -> Check.greaterThan("divergeFactor", 0.5, 1), "divergeFactor must be > 1.0, got 0.5"),
                Arguments.of((Executable) () -> Check.positiveOrInfinite("bound", 0.0),
                        "bound must be > 0 (may be infinite), got 0.0"),
                Arguments.of((Executable) () -> Check.positiveRange("lo", -1.0, "hi", 1.0), "lo must be finite and > 0, got -1.0"),
                Arguments.of((Executable) () -> Check.positiveRange("lo", 0.1, "hi", 0.05),
                        "hi must be finite and > lo = 0.1, got 0.05"),
                Arguments.of((Executable) () -> Check.unitHalfOpen("beta", 1.0), "beta must be in [0, 1), got 1.0"),
                Arguments.of((Executable) () -> Check.unitClosed("alpha", 1.5), "alpha must be in [0, 1], got 1.5"),
                Arguments.of((Executable) () -> Check.in("gamma", 1.5, 0, true, 1, false), "gamma must be in (0.0, 1.0], got 1.5"),
                Arguments.of((Executable) () -> Check.in("gamma", Double.NaN, 0, true, 1, false), "gamma must be in (0.0, 1.0], got NaN"),
                Arguments.of((Executable) () -> Check.notNull("model", null), "model must not be null"),
                Arguments.of((Executable) () -> Check.nonBlank("name", " "), "name must be a non-blank string, got ' '"),
                Arguments.of((Executable) () -> Check.nonBlank("name", null), "name must be a non-blank string, got null"),
                Arguments.of((Executable) () -> Check.nonEmpty("rates", new double[0]), "rates must not be empty"),
                Arguments.of((Executable) () -> Check.length("params", new double[2], 3), "params must have length 3, got 2"),
                Arguments.of((Executable) () -> Check.length("params", null, 3), "params must have length 3, got null"),
                Arguments.of((Executable) () -> Check.length("gradient", new double[2], 3, "the length of params"),
                        "gradient must have length 3 (the length of params), got 2"),
                Arguments.of((Executable) () -> Check.finiteGreaterThan("divergeFactor", Double.POSITIVE_INFINITY, 1),
                        "divergeFactor must be finite and > 1.0, got Infinity"),
                Arguments.of((Executable) () -> Check.index("group", 3, 3), "group must be in [0, 3), got 3"),
                Arguments.of((Executable) () -> Check.range("batch [from, to)", 4, 4, 10),
                        "batch [from, to) must be a non-empty range within [0, 10), got [4, 4)"),
                Arguments.of((Executable) () -> Check.oneOf("name", "sgd", "SGD", "Adam"), "name must be one of SGD, Adam, got 'sgd'"),
                Arguments.of((Executable) () -> Check.oneOf("name", null, "SGD", "Adam"), "name must be one of SGD, Adam, got null"),
                Arguments.of((Executable) () -> Check.that(1 > 2, () -> "A must be symmetric, got A[1][0] = 0.3 but A[0][1] = 0.5"),
                        "A must be symmetric, got A[1][0] = 0.3 but A[0][1] = 0.5"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rejected")
    void rejectedArgumentMessageNamesArgumentRangeAndValue(Executable call, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of((Supplier<Object>) () -> Check.positive("lr", 0.1), 0.1),
                Arguments.of((Supplier<Object>) () -> Check.positive("n", 3), 3),
                Arguments.of((Supplier<Object>) () -> Check.nonNegative("wd", 0.0), 0.0),
                Arguments.of((Supplier<Object>) () -> Check.nonNegative("n", 0), 0),
                Arguments.of((Supplier<Object>) () -> Check.atLeast("n", 2, 2), 2),
                Arguments.of((Supplier<Object>) () -> Check.greaterThan("k", Double.POSITIVE_INFINITY, 1),
                        Double.POSITIVE_INFINITY),
                Arguments.of((Supplier<Object>) () -> Check.positiveOrInfinite("bound", Double.POSITIVE_INFINITY),
                        Double.POSITIVE_INFINITY),
                Arguments.of((Supplier<Object>) () -> Check.unitHalfOpen("beta", 0.0), 0.0),
                Arguments.of((Supplier<Object>) () -> Check.unitClosed("alpha", 1.0), 1.0),
                Arguments.of((Supplier<Object>) () -> Check.in("gamma", 1.0, 0, true, 1, false), 1.0),
                Arguments.of((Supplier<Object>) () -> Check.nonBlank("name", "run"), "run"),
                Arguments.of((Supplier<Object>) () -> Check.finiteGreaterThan("k", 4.0, 1), 4.0),
                Arguments.of((Supplier<Object>) () -> Check.index("group", 2, 3), 2),
                Arguments.of((Supplier<Object>) () -> Check.oneOf("name", "Adam", "SGD", "Adam"), "Adam"));
    }

    @ParameterizedTest(name = "accepts {1}")
    @MethodSource("accepted")
    void acceptedArgumentIsReturnedUnchanged(Supplier<Object> call, Object expected) {
        assertEquals(expected, call.get());
    }

    @Test
    void thatBuildsItsMessageOnlyWhenTheCheckFails() {
        Check.that(true, () -> {
            throw new AssertionError("the message of a passing check must not be built");
        });
        Check.range("batch", 0, 10, 10);
    }

    @Test
    void positiveRangeAcceptsIncreasingPositiveBounds() {
        Check.positiveRange("lo", 1e-7, "hi", 10);
    }

    @Test
    void fmtWritesDoublesLikeDoubleToString() {
        assertEquals("1.0E-7", Check.fmt(1e-7));
        assertEquals("-0.1", Check.fmt(-0.1));
    }
}
