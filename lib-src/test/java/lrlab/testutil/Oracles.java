package lrlab.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reads the PyTorch oracle traces that the project holds as test resources
 * ({@code lib-src/test/resources/oracles}, schema and provenance in its README.md): the public set, and
 * in {@code varied/} the same kinds of case with other numbers ({@code environment/workbook oracles --vary 1}).
 */
public final class Oracles {

    /** The folders under {@code oracles/} that hold a set of the three files: the public set, the varied set. */
    public static final List<String> SETS = List.of("", "varied/");

    private Oracles() {
    }

    /** The oracle file NAME on the test classpath (e.g. {@code optimizers.json}). */
    public static Path file(String name) {
        URL url = Oracles.class.getResource("/oracles/" + name);
        if (url == null) {
            throw new IllegalStateException("oracle file oracles/" + name + " is not on the test classpath:"
                    + " it belongs in lib-src/test/resources/oracles (regenerate with environment/workbook oracles"
                    + (name.startsWith("varied/") ? " --vary 1 --out lib-src/test/resources/oracles/varied)" : " --regenerate)"));
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every case of an oracle file as one JSON tree. */
    public static JsonNode read(String name) {
        try {
            return new ObjectMapper().readTree(file(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One JUnit argument pair (id, case) per case of oracle file NAME in every set of {@link #SETS}. */
    public static List<Arguments> allCases(String name) {
        List<Arguments> out = new ArrayList<>();
        for (String set : SETS) {
            out.addAll(cases(set + name));
        }
        return out;
    }

    /** One JUnit argument pair (id, case) per case of an oracle file. */
    public static List<Arguments> cases(String name) {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : read(name)) {
            out.add(Arguments.of(c.path("id").asText(), c));
        }
        return out;
    }
}
