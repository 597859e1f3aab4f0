package lrlab.oracle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lrlab.testutil.Oracles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fact an optimizer case states about its objective is checked: a wrong one is a FAIL naming it. */
class ObjectiveFactsTamperTest {

    private static ObjectNode firstCaseOn(String objective) {
        return Oracles.cases("optimizers.json").stream()
                .map(a -> (JsonNode) a.get()[1])
                .filter(c -> c.path("objective").path("name").asText().equals(objective))
                .findFirst().map(c -> (ObjectNode) c.deepCopy())
                .orElseThrow(() -> new IllegalStateException("no case on " + objective));
    }

    @ParameterizedTest(name = "{0}: objective.{1}")
    @CsvSource({
        "quadratic2d, minimizer", "quadratic2d, eigenvalues", "quadratic2d, condition_number",
        "quadratic2d, stability_limit_lr", "quadratic2d, optimal_lr",
        "quadratic1d, stability_limit_lr", "quadratic1d, optimal_lr",
        "least_squares, minimizer", "rosenbrock, minimizer"})
    void aWrongObjectiveFactIsAFailNamingIt(String objective, String key) {
        ObjectNode c = firstCaseOn(objective);
        ObjectNode spec = (ObjectNode) c.get("objective");
        assertTrue(new Replay().replayCase(c, 0).passed(), "the untouched case passes");
        JsonNode fact = spec.get(key);
        if (fact.isArray()) {
            ((ArrayNode) fact).set(1, fact.get(1).asDouble() * 1.001 + 1e-3);
        } else {
            spec.put(key, fact.asDouble() * 1.001);
        }
        CaseResult r = new Replay().replayCase(c, 0);
        assertFalse(r.passed(), key + " was tampered but the case passed");
        assertTrue(r.reason().contains("objective." + key), r.line());
    }
}
