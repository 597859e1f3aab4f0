package lrlab.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Replays PyTorch oracle files through the library: one {@code PASS}/{@code FAIL} line per case,
 * then {@code N passed, M failed}. A bad case is a FAIL line, never a crash of the batch.
 *
 * <p>Command line: {@code java lrlab.oracle.Replay FILE.json...}; exit 0 when all pass, 1 when a
 * case fails, 2 when a file cannot be read or is not JSON.
 */
public final class Replay {

    private final Map<String, CaseRunner> runners = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public Replay() {
        for (CaseRunner runner : ServiceLoader.load(CaseRunner.class)) {
            runners.put(runner.kind(), runner);
        }
    }

    /** Replays every case of one parsed file. */
    public List<CaseResult> replay(JsonNode cases) {
        List<CaseResult> results = new ArrayList<>();
        if (!cases.isArray()) {
            results.add(CaseResult.fail("(file)", "top level is not a JSON array of cases"));
            return results;
        }
        int index = 0;
        for (JsonNode c : cases) {
            results.add(replayCase(c, index++));
        }
        return results;
    }

    /** Replays one case; never throws. */
    public CaseResult replayCase(JsonNode c, int index) {
        String id = c.path("id").isTextual() ? c.get("id").asText() : "(case " + index + " without id)";
        String kind = c.path("kind").asText("");
        CaseRunner runner = runners.get(kind);
        if (runner == null) {
            return CaseResult.fail(id, "unknown kind '" + kind + "' (known: " + runners.keySet() + ")");
        }
        try {
            return runner.run(c);
        } catch (OracleFormatException | IllegalArgumentException | IllegalStateException e) {
            return CaseResult.fail(id, e.getMessage());
        } catch (RuntimeException e) {
            return CaseResult.fail(id, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Reads and parses a file; the exception message names the file and the problem. */
    public JsonNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try {
            return json.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line, with its streams passed in so it can be tested. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: replay FILE.json...  (PyTorch oracle files, schema in lib-src/test/resources/oracles/README.md)");
            return 2;
        }
        Replay replay = new Replay();
        int passed = 0;
        int failed = 0;
        for (String arg : args) {
            JsonNode cases;
            try {
                cases = replay.read(Path.of(arg));
            } catch (IOException e) {
                err.println("replay: " + e.getMessage());
                return 2;
            }
            for (CaseResult r : replay.replay(cases)) {
                out.println(r.line());
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
