package lrlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import lrlab.testutil.Oracles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateSweepTest {

    private static double scalar(double a, double wStar, double w0, double lr, int steps) {
        double w = w0;
        for (int t = 0; t < steps; t++) {
            double g = a * (w - wStar);
            w = w - lr * g;
        }
        return w;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 7, 1000, 1001})
    void sweepMatchesTheScalarLoopBitForBit(int steps) {
        double[] rates = RateSweep.logspace(1e-4, 0.7, 1300);   // more than two blocks, lr*a up to 2.8
        RateSweep.Result r = RateSweep.onQuadratic(4.0, 1.5).from(-2.0).steps(steps).recordLoss(true).run(rates);
        double[] w = r.finalW();
        for (int i = 0; i < rates.length; i++) {
            assertEquals(Double.doubleToRawLongBits(scalar(4.0, 1.5, -2.0, rates[i], steps)),
                    Double.doubleToRawLongBits(w[i]), "rate " + rates[i]);
        }
        double[] plain = new double[rates.length];
        java.util.Arrays.fill(plain, -2.0);
        RateSweep.run(rates, plain, 4.0, 1.5, steps);
        for (int i = 0; i < rates.length; i++) {
            assertEquals(Double.doubleToRawLongBits(w[i]), Double.doubleToRawLongBits(plain[i]));
        }
    }

    @Test
    void lossHistoryIsTheLossOfEachIterate() {
        RateSweep.Result r = RateSweep.onQuadratic(2.0, 3.0).from(7.0).steps(5).recordLoss(true).run(0.1, 0.5);
        assertEquals(16.0, r.loss(0, 0));
        double w1 = scalar(2.0, 3.0, 7.0, 0.1, 1);
        assertEquals((w1 - 3) * (w1 - 3), r.loss(1, 0), 1e-15);
        assertEquals(0.0, r.loss(1, 1));
        assertEquals(r.finalLoss()[0], r.loss(5, 0), 1e-15);
        assertEquals(12, r.lossTable().rowCount());
    }

    @ParameterizedTest(name = "loss({0}, {1}) is rejected naming {2}")
    @CsvSource({"-1, 0, 't must be in [0, 6), got -1'", "6, 0, 't must be in [0, 6), got 6'",
            "0, 2, 'i must be in [0, 2), got 2'", "0, -1, 'i must be in [0, 2), got -1'"})
    void lossOutsideTheRecordedStepsOrRatesIsRejectedWithTheRange(int t, int i, String message) {
        RateSweep.Result r = RateSweep.onQuadratic(2.0, 3.0).from(7.0).steps(5).recordLoss(true).run(0.1, 0.5);
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> r.loss(t, i)).getMessage());
    }

    static List<Arguments> shiftedSquareSeeds() {
        return Oracles.cases("seed_examples.json").stream()
                .filter(a -> ((JsonNode) a.get()[1]).path("objective").path("name").asText().equals("shifted_square"))
                .collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shiftedSquareSeeds")
    void sweepReproducesTheSeedIterates(String id, JsonNode c) {
        double cc = c.path("objective").path("c").asDouble();
        double lr = c.path("torch").path("args").path("lr").asDouble();
        int steps = c.path("steps").asInt();
        JsonNode it = c.path("trace").path("iterates");
        RateSweep.Result r = RateSweep.onQuadratic(2.0, cc).from(c.path("x0").asDouble()).steps(steps).run(lr);
        lrlab.testutil.Tol.assertClose(it.get(steps).asDouble(), r.finalW()[0], 1e-12, 1e-12, id);
    }

    @Test
    void divergedRatesAreFlaggedInTheTable() {
        RateSweep.Result r = RateSweep.onQuadratic(2.0, 3.0).from(7.0).steps(2000).run(0.1, 1.1);
        assertFalse(r.diverged(0));
        assertTrue(r.diverged(1));
        var t = r.table();
        assertEquals(2, t.rowCount());
        assertEquals("DIVERGING", t.stringColumn("regime").get(1));
        assertTrue(t.booleanColumn("diverged").get(1));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RateSweep.onQuadratic(0, 1));
        assertThrows(IllegalArgumentException.class, () -> RateSweep.onQuadratic(1, 1).steps(-1));
        assertThrows(IllegalArgumentException.class, () -> RateSweep.onQuadratic(1, 1).from(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RateSweep.onQuadratic(1, 1).run());
        assertThrows(IllegalArgumentException.class, () -> RateSweep.onQuadratic(1, 1).run(0.1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> RateSweep.linspace(1, 0.5, 3));
        assertThrows(IllegalArgumentException.class, () -> RateSweep.logspace(0, 1, 3));
        assertThrows(IllegalStateException.class, () -> RateSweep.onQuadratic(1, 1).run(0.1).loss(0, 0));
    }
}
