package lrlab.oracle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import lrlab.testutil.Oracles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SeedExampleReplayTest {

    static List<Arguments> seedCases() {
        return Oracles.allCases("seed_examples.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedCases")
    void gradientDescentReproducesTheTorchTrace(String id, JsonNode c) {
        CaseResult r = new Replay().replayCase(c, 0);
        assertTrue(r.passed(), r.line());
    }

    @Test
    void anUnknownArgumentIsAFailLineNotACrash() {
        ObjectNode c = (ObjectNode) Oracles.cases("seed_examples.json").get(0).get()[1];
        ObjectNode bad = c.deepCopy();
        ((ObjectNode) bad.path("torch").path("args")).put("momentum", 0.9);
        CaseResult r = new Replay().replayCase(bad, 0);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("momentum"), r.line());
    }

    @Test
    void anUnknownObjectiveIsNamed() {
        ObjectNode c = ((ObjectNode) Oracles.cases("seed_examples.json").get(0).get()[1]).deepCopy();
        ((ObjectNode) c.path("objective")).put("name", "cubic");
        CaseResult r = new Replay().replayCase(c, 0);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("cubic"), r.line());
    }

    @Test
    void aWrongTraceFails() {
        ObjectNode c = ((ObjectNode) Oracles.cases("seed_examples.json").get(0).get()[1]).deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) c.path("trace").path("iterates")).set(3, 5.0);
        CaseResult r = new Replay().replayCase(c, 0);
        assertFalse(r.passed());
        assertTrue(r.reason().startsWith("iterates[3]"), r.line());
    }

    @Test
    void aCaseWithoutStepsIsAFailLine() throws Exception {
        JsonNode c = new ObjectMapper().readTree("{\"id\":\"x\",\"kind\":\"seed-example\",\"torch\":{\"class\":\"torch.optim.SGD\",\"args\":{\"lr\":0.1}},\"objective\":{\"name\":\"sine\"}}");
        CaseResult r = new Replay().replayCase(c, 0);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("steps"), r.line());
    }
}
