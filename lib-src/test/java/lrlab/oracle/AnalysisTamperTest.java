package lrlab.oracle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import lrlab.testutil.Oracles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fact of an oracle {@code analysis} block (and the quadratic1d objective facts) is checked
 * against the library: a tampered value is a FAIL line that names the key.
 */
class AnalysisTamperTest {

    private static ObjectNode seedCase(String id) {
        return find(Oracles.cases("seed_examples.json"), id);
    }

    private static ObjectNode optimizerCase(String id) {
        return find(Oracles.cases("optimizers.json"), id);
    }

    private static ObjectNode find(List<Arguments> cases, String id) {
        for (Arguments a : cases) {
            if (a.get()[0].equals(id)) {
                return ((ObjectNode) a.get()[1]).deepCopy();
            }
        }
        throw new IllegalStateException("no oracle case " + id);
    }

    /** Changes a number to a clearly different one (0 → 0.5, x → 1.5x). */
    private static void tamper(ObjectNode parent, String key) {
        JsonNode v = parent.get(key);
        if (v.isBoolean()) {
            parent.put(key, !v.asBoolean());
        } else if (v.isTextual()) {
            parent.put(key, v.asText().equals("oscillation") ? "divergence" : "oscillation");
        } else {
            double d = v.asDouble();
            parent.put(key, d == 0 ? 0.5 : 1.5 * d);
        }
    }

    private static void assertFailNaming(ObjectNode c, String key) {
        CaseResult r = new Replay().replayCase(c, 0);
        assertFalse(r.passed(), "tampered " + key + " still passes: " + r.line());
        assertTrue(r.line().startsWith("FAIL "), r.line());
        assertTrue(r.reason().contains(key), "reason should name " + key + ": " + r.line());
    }

    static Stream<Arguments> seedKeys() {
        Stream<Arguments> quadratic = Stream.of("a", "stability_limit_lr", "optimal_lr", "lr_times_a",
                "contraction_factor", "regime").flatMap(k -> Stream.of(
                        Arguments.of("public/seed/w_minus_3/lr_0.1", k),
                        Arguments.of("public/seed/w_minus_5/lr_1.0", k),
                        Arguments.of("public/seed/w_minus_3/lr_1.1", k)));
        Stream<Arguments> sine = Stream.of("curvature", "minimizer", "stability_limit_lr", "optimal_lr",
                "lr_times_a", "contraction_factor", "regime").map(k -> Arguments.of("public/seed/sin/lr_1.5", k));
        return Stream.concat(quadratic, sine);
    }

    @ParameterizedTest(name = "{0} analysis.{1}")
    @MethodSource("seedKeys")
    void aWrongSeedAnalysisValueIsAFailNamingTheKey(String id, String key) {
        ObjectNode c = seedCase(id);
        tamper((ObjectNode) c.get("analysis"), key);
        assertFailNaming(c, "analysis." + key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedDivergesCases")
    void aWrongSeedDivergesFlagIsAFailNamingIt(String id) {
        ObjectNode c = seedCase(id);
        tamper(c, "diverges");
        assertFailNaming(c, "diverges");
    }

    static Stream<String> seedDivergesCases() {
        return Stream.of("public/seed/w_minus_3/lr_1.1", "public/seed/w_minus_5/lr_1.0", "public/seed/sin/lr_0.5");
    }

    @Test
    void aSeedAnalysisWithoutCurvatureIsAFail() {
        ObjectNode c = seedCase("public/seed/w_minus_3/lr_0.5");
        ((ObjectNode) c.get("analysis")).remove("a");
        assertFailNaming(c, "curvature");
    }

    @Test
    void aSeedAnalysisWithoutRegimeIsAFail() {
        ObjectNode c = seedCase("public/seed/w_minus_3/lr_0.5");
        ((ObjectNode) c.get("analysis")).remove("regime");
        assertFailNaming(c, "analysis.regime");
    }

    static Stream<Arguments> optimizerKeys() {
        return Stream.of("a", "stability_limit_lr", "optimal_lr", "lr_times_a", "contraction_factor", "regime")
                .flatMap(k -> Stream.of("sgd", "sgd_regime_lr_0.25", "sgd_regime_lr_0.45", "sgd_regime_lr_0.5",
                        "sgd_regime_lr_0.6").map(n -> Arguments.of("public/optimizer/quadratic1d/" + n, k)));
    }

    @ParameterizedTest(name = "{0} analysis.{1}")
    @MethodSource("optimizerKeys")
    void aWrongOptimizerAnalysisValueIsAFailNamingTheKey(String id, String key) {
        ObjectNode c = optimizerCase(id);
        tamper((ObjectNode) c.get("analysis"), key);
        assertFailNaming(c, "analysis." + key);
    }

    @ParameterizedTest(name = "objective.{0}")
    @MethodSource("objectiveKeys")
    void aWrongQuadratic1dObjectiveFactIsAFailNamingIt(String key) {
        ObjectNode c = optimizerCase("public/optimizer/quadratic1d/adam");
        tamper((ObjectNode) c.get("objective"), key);
        assertFailNaming(c, "objective." + key);
    }

    static Stream<String> objectiveKeys() {
        return Stream.of("stability_limit_lr", "optimal_lr");
    }

    @Test
    void aWrongOptimizerDivergesFlagIsAFailNamingIt() {
        ObjectNode c = optimizerCase("public/optimizer/quadratic1d/sgd_regime_lr_0.6");
        tamper(c, "diverges");
        assertFailNaming(c, "diverges");
    }

    @Test
    void anAnalysisBlockOffQuadratic1dIsAFail() {
        ObjectNode c = optimizerCase("public/optimizer/rosenbrock/sgd");
        c.set("analysis", optimizerCase("public/optimizer/quadratic1d/sgd").get("analysis"));
        assertFailNaming(c, "analysis");
    }
}
