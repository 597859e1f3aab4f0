package lrlab.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import lrlab.testutil.Oracles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The varied oracle set ({@code oracles/varied}, made by {@code environment/workbook oracles --vary 1}) holds
 * the same kinds of case as the public set, with other numbers: so replaying both checks the semantics,
 * not one set of numbers.
 */
class VariedOracleSetTest {

    /** A case's kind: its id without the set prefix and without the lr a regime or seed id carries, its
     *  torch class and the names of its arguments. */
    private static String kind(JsonNode c) {
        String id = c.path("id").asText();
        String stem = id.substring(id.indexOf('/') + 1).replaceAll("lr_[0-9.eE+-]+$", "lr_*");
        List<String> names = new ArrayList<>();
        c.path("torch").path("args").fieldNames().forEachRemaining(names::add);
        return stem + " " + c.path("torch").path("class").asText() + " " + names;
    }

    private static List<String> kinds(JsonNode cases) {
        List<String> out = new ArrayList<>();
        cases.forEach(c -> out.add(kind(c)));
        out.sort(null);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"optimizers.json", "schedulers.json", "seed_examples.json"})
    void theVariedSetHasEveryPublicKindOfCaseOnce(String name) {
        assertEquals(kinds(Oracles.read(name)), kinds(Oracles.read("varied/" + name)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"optimizers.json", "schedulers.json", "seed_examples.json"})
    void everyVariedCaseHasOtherNumbersThanItsPublicKind(String name) {
        JsonNode pub = Oracles.read(name);
        JsonNode varied = Oracles.read("varied/" + name);
        for (JsonNode v : varied) {
            assertTrue(v.path("id").asText().startsWith("varied-1/"), v.path("id").asText());
            JsonNode same = null;
            for (JsonNode p : pub) {
                if (kind(p).equals(kind(v)) && p.path("torch").equals(v.path("torch"))
                        && p.path("x0").equals(v.path("x0")) && p.path("steps").equals(v.path("steps"))) {
                    same = p;
                }
            }
            assertEquals(null, same, v.path("id").asText() + " repeats the numbers of a public case");
            assertNotEquals(0, v.path("trace").size());
        }
    }
}
