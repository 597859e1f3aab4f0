package lrlab.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.stream.Stream;
import lrlab.testutil.Oracles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every PyTorch optimizer trace, public and varied (test resources {@code oracles/optimizers.json}, {@code oracles/varied/optimizers.json}). */
class OptimizerOracleTest {

    static JsonNode cases() {
        return Oracles.read("optimizers.json");
    }

    static Stream<Arguments> oracleCases() {
        return Oracles.allCases("optimizers.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCases")
    void reproducesTorchTrace(String id, JsonNode oracleCase) {
        CaseResult r = new Replay().replayCase(oracleCase, 0);
        assertTrue(r.passed(), r.line());
        assertEquals(id, r.id());
    }

    @Test
    void everyPublicCaseIsAnOptimizerCase() throws IOException {
        assertEquals(72, cases().size());
    }

    private static ObjectNode firstCase() throws IOException {
        return (ObjectNode) cases().get(0).deepCopy();
    }

    private static CaseResult replay(JsonNode c) {
        return new OptimizerCaseRunner().run(c);
    }

    @Test
    void unknownClassIsAFailNamingIt() throws IOException {
        ObjectNode c = firstCase();
        ((ObjectNode) c.get("torch")).put("class", "torch.optim.LBFGS");
        CaseResult r = replay(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("torch.optim.LBFGS"), r.reason());
    }

    @Test
    void unknownArgumentIsAFailNamingIt() throws IOException {
        ObjectNode c = firstCase();
        ((ObjectNode) c.get("torch").get("args")).put("nesterov_mode", 2);
        CaseResult r = replay(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("nesterov_mode"), r.reason());
    }

    @Test
    void unknownObjectiveIsAFail() throws IOException {
        ObjectNode c = firstCase();
        ((ObjectNode) c.get("objective")).put("name", "himmelblau");
        CaseResult r = replay(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("himmelblau"), r.reason());
    }

    @Test
    void missingTraceIsAFail() throws IOException {
        ObjectNode c = firstCase();
        c.remove("trace");
        CaseResult r = replay(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("trace"), r.reason());
    }

    @Test
    void outOfRangeArgumentIsAFailNamingIt() throws IOException {
        ObjectNode c = firstCase();
        ((ObjectNode) c.get("torch").get("args")).put("lr", -0.1);
        CaseResult r = replay(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("lr") && r.reason().contains("-0.1"), r.reason());
    }

    @Test
    void nonNumericArgumentIsAFail() throws IOException {
        ObjectNode c = firstCase();
        ((ObjectNode) c.get("torch").get("args")).put("momentum", "lots");
        CaseResult r = replay(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("momentum"), r.reason());
    }

    @Test
    void wrongX0LengthIsAFail() throws IOException {
        ObjectNode c = firstCase();
        c.putArray("x0").add(1.0).add(2.0);
        CaseResult r = replay(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("x0"), r.reason());
    }

    @Test
    void wrongNumberIsAFailWithTheSeries() throws IOException {
        ObjectNode c = firstCase();
        ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("trace").get("loss")).set(3, 1.0);
        CaseResult r = replay(c);
        assertFalse(r.passed());
        assertTrue(r.reason().startsWith("loss[3]"), r.reason());
    }

    @Test
    void wrongStepsRecordedIsAFail() throws IOException {
        ObjectNode c = firstCase();
        c.put("steps_recorded", 59);
        CaseResult r = replay(c);
        assertFalse(r.passed());
    }

    @Test
    void caseWithoutIdStillGivesAResult() throws IOException {
        ObjectNode c = firstCase();
        c.remove("id");
        c.remove("objective");
        CaseResult r = replay(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("objective"), r.reason());
    }
}
