package lrlab.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lrlab.testutil.Oracles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An element of a vector series ({@code grad[k][i]}, {@code params[k][i]}) is judged under that
 * series' absolute tolerance, as the oracle README states: |got − exp| ≤ rtol·|exp| + atol[series].
 * The case is the public one-step regime run (lr·a = 1), whose gradient is exactly 0 from step 2 on
 * in the library; a torch trace may hold a rounding-level value there instead.
 */
class VectorSeriesToleranceTest {

    private static final String ONE_STEP = "public/optimizer/quadratic1d/sgd_regime_lr_0.25";

    private static ObjectNode oneStepCase() {
        for (JsonNode c : Oracles.read("optimizers.json")) {
            if (c.path("id").asText().equals(ONE_STEP)) {
                return ((ObjectNode) c).deepCopy();
            }
        }
        throw new IllegalStateException("no oracle case " + ONE_STEP);
    }

    private static ObjectNode withExpected(String series, int step, int element, double value) {
        ObjectNode c = oneStepCase();
        ((ArrayNode) c.path("trace").path(series).get(step)).set(element, value);
        return c;
    }

    private static double atol(JsonNode c, String series) {
        return c.path("tolerance").path("atol").path(series).asDouble();
    }

    @Test
    void theLibraryComputesAnExactZeroGradientAfterTheOneStep() {
        ObjectNode c = oneStepCase();
        assertEquals(0.0, c.path("trace").path("grad").get(1).get(0).asDouble());
        assertTrue(new Replay().replayCase(c, 0).passed());
    }

    @Test
    void aRoundingLevelGradientWhereTheLibraryGivesZeroPasses() {
        ObjectNode c = withExpected("grad", 1, 0, -5.6e-16);
        CaseResult r = new Replay().replayCase(c, 0);
        assertTrue(r.passed(), r.line());
    }

    @ParameterizedTest(name = "{0}× atol[grad]")
    @ValueSource(doubles = {0.5, 0.99})
    void aGradientWithinTheSeriesAtolPasses(double fraction) {
        double atol = atol(oneStepCase(), "grad");
        CaseResult r = new Replay().replayCase(withExpected("grad", 3, 0, -fraction * atol), 0);
        assertTrue(r.passed(), r.line());
    }

    @ParameterizedTest(name = "{0}× atol[grad]")
    @ValueSource(doubles = {1.01, 2.0})
    void aGradientBeyondTheSeriesAtolFailsNamingTheElement(double factor) {
        double atol = atol(oneStepCase(), "grad");
        CaseResult r = new Replay().replayCase(withExpected("grad", 3, 0, -factor * atol), 0);
        assertFalse(r.passed(), r.line());
        assertTrue(r.reason().startsWith("grad[3][0]: got 0.0"), r.line());
        assertTrue(r.reason().contains(String.format(java.util.Locale.ROOT, "atol %.1e", atol)), r.line());
    }

    @Test
    void aParamsElementIsJudgedUnderTheParamsAtol() {
        ObjectNode c = oneStepCase();
        double atol = atol(c, "params");
        double w = c.path("trace").path("params").get(2).get(0).asDouble();
        double relative = c.path("tolerance").path("rtol").asDouble() * Math.abs(w);
        // beyond the relative part alone, within relative part + atol[params]
        CaseResult within = new Replay().replayCase(withExpected("params", 2, 0, w + relative + 0.5 * atol), 0);
        assertTrue(within.passed(), within.line());
        CaseResult r = new Replay().replayCase(withExpected("params", 2, 0, w + relative + 2 * atol), 0);
        assertFalse(r.passed(), r.line());
        assertTrue(r.reason().startsWith("params[2][0]"), r.line());
    }
}
