package lrlab.testutil;

import static org.junit.jupiter.api.Assertions.fail;

/** Shared tolerance helper: |expected − actual| ≤ atol + rtol·|expected|. */
public final class Tol {

    private Tol() {
    }

    public static void assertClose(double expected, double actual, double rtol, double atol, String message) {
        double err = Math.abs(expected - actual);
        if (!(err <= atol + rtol * Math.abs(expected))) {
            fail(message + ": expected " + expected + " but was " + actual + " (|err| = " + err
                    + ", rtol = " + rtol + ", atol = " + atol + ")");
        }
    }
}
