package lrlab.testutil;

import static org.junit.jupiter.api.Assertions.fail;

/** The suite's one tolerance rule: |actual − expected| ≤ rtol·|expected| + atol. */
public final class Tol {

    private Tol() {
    }

    public static void assertClose(double expected, double actual, double rtol, double atol, String message) {
        if (!(Math.abs(actual - expected) <= rtol * Math.abs(expected) + atol)) {
            fail(message + ": expected " + expected + ", got " + actual + " (rtol " + rtol + ", atol " + atol + ")");
        }
    }

    public static void assertClose(double expected, double actual, double rtol, String message) {
        assertClose(expected, actual, rtol, 0.0, message);
    }

    /** Element by element, with the index in the message. */
    public static void assertClose(double[] expected, double[] actual, double rtol, double atol, String message) {
        if (expected.length != actual.length) {
            fail(message + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], rtol, atol, message + "[" + i + "]");
        }
    }
}
