package lrlab.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** Reads the PyTorch oracle files from ../shared/oracles (system property lrlab.shared). */
public final class Oracles {

    private Oracles() {
    }

    public static Path file(String name) {
        String shared = System.getProperty("lrlab.shared", "../shared");
        Path p = Path.of(shared, "oracles", name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("oracle file " + p.toAbsolutePath()
                    + " not found: run the tests from the repository (next to ../shared) or set -Dlrlab.shared");
        }
        return p;
    }

    /** One JUnit argument pair (id, case) per case of an oracle file. */
    public static List<Arguments> cases(String name) {
        try {
            JsonNode all = new ObjectMapper().readTree(file(name).toFile());
            List<Arguments> out = new ArrayList<>();
            for (JsonNode c : all) {
                out.add(Arguments.of(c.path("id").asText(), c));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
