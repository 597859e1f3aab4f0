package lrlab.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulerOracleTest {

    private static JsonNode cases() {
        return lrlab.testutil.Oracles.read("schedulers.json");
    }

    static Stream<Arguments> schedulerCases() {
        return lrlab.testutil.Oracles.allCases("schedulers.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedulerCases")
    void replaysTorchTraceWithinTolerance(String id, JsonNode c) {
        CaseResult r = new SchedulerCaseRunner().run(c);
        assertTrue(r.passed(), r.line());
        assertEquals(id, r.id());
    }

    @Test
    void publicFileHasThirtyOneSchedulerCasesAllRegisteredThroughServiceLoader() throws IOException {
        List<CaseResult> results = new Replay().replay(cases());
        assertEquals(31, results.size());
        results.forEach(r -> assertTrue(r.passed(), r.line()));
    }

    private static ObjectNode first(String idSuffix) throws IOException {
        for (JsonNode c : cases()) {
            if (c.get("id").asText().endsWith(idSuffix)) {
                return (ObjectNode) c.deepCopy();
            }
        }
        throw new AssertionError(idSuffix);
    }

    @Test
    void unknownSchedulerClassIsAFailNamingIt() throws IOException {
        ObjectNode c = first("/step_lr");
        ((ObjectNode) c.get("torch")).put("class", "torch.optim.lr_scheduler.WarmupLR");
        CaseResult r = new SchedulerCaseRunner().run(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("WarmupLR"), r.reason());
    }

    @Test
    void unknownArgumentIsAFailNamingIt() throws IOException {
        ObjectNode c = first("/step_lr");
        ((ObjectNode) c.get("torch").get("args")).put("warp", 3);
        CaseResult r = new SchedulerCaseRunner().run(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("warp"), r.reason());
    }

    @Test
    void unknownLambdaNameIsAFailNamingIt() throws IOException {
        ObjectNode c = first("/lambda_lr_linear_warmup");
        ((ObjectNode) c.get("torch").get("args").get("lr_lambda")).put("name", "cosine_warmup");
        CaseResult r = new SchedulerCaseRunner().run(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("cosine_warmup"), r.reason());
    }

    @Test
    void unknownNestedClassIsAFailNamingIt() throws IOException {
        ObjectNode c = first("/sequential_linear_warmup_then_cosine");
        ((ObjectNode) c.get("torch").get("args").get("schedulers").get(1)).put("class", "torch.optim.lr_scheduler.Nope");
        CaseResult r = new SchedulerCaseRunner().run(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("Nope"), r.reason());
    }

    @Test
    void wrongValueIsAFailWithIndex() throws IOException {
        ObjectNode c = first("/exponential_lr");
        ((ArrayNode) c.get("trace").get("lr")).set(7, 0.5);
        CaseResult r = new SchedulerCaseRunner().run(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("lr[7]"), r.reason());
    }

    @Test
    void exactSeriesMismatchIsAFail() throws IOException {
        ObjectNode c = first("/reduce_lr_on_plateau_min_rel_default");
        ArrayNode bad = (ArrayNode) c.get("trace").get("num_bad_epochs");
        bad.set(3, bad.get(3).asInt() + 1);
        CaseResult r = new SchedulerCaseRunner().run(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("num_bad_epochs[3]"), r.reason());
    }

    @Test
    void missingKeyIsAFailNamingIt() throws IOException {
        ObjectNode c = first("/step_lr");
        c.remove("optimizer");
        CaseResult r = new SchedulerCaseRunner().run(c);
        assertFalse(r.passed());
        assertTrue(r.reason().contains("optimizer"), r.reason());
    }

    @Test
    void cycleMomentumOnAdagradIsAFail() throws IOException {
        ObjectNode c = first("/cyclic_triangular_cycle_momentum");
        ((ObjectNode) c.get("optimizer")).put("class", "torch.optim.Adagrad");
        CaseResult r = new SchedulerCaseRunner().run(c);
        assertFalse(r.passed());
    }
}
