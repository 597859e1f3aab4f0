package lrlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public type and method of the library is documented, with its {@code @param} and {@code @return}:
 * the JDK's javadoc with all of doclint's checks runs over lib-src/main/java and reports nothing.
 */
class JavadocTest {

    @Test
    void everyPublicMethodStatesItsParametersAndResult(@TempDir Path out) {
        Path sources = Path.of("lib-src/main/java");
        assertTrue(Files.isDirectory(sources), "run from the project folder: no " + sources.toAbsolutePath());
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        StringWriter report = new StringWriter();
        List<String> options = List.of("-Xdoclint:all", "-Xmaxwarns", "10000", "-quiet", "-d", out.toString(),
                "-sourcepath", sources.toString(), "-subpackages", "lrlab",
                "-classpath", System.getProperty("java.class.path"));
        var task = javadoc.getTask(report, null, null, null, options, null);
        boolean ok = task.call();
        String warnings = report.toString().lines().filter(l -> l.contains("warning:") || l.contains("error:"))
                .reduce("", (a, b) -> a + b + "\n");
        assertTrue(ok, report.toString());
        assertEquals("", warnings, "javadoc -Xdoclint:all found gaps");
    }
}
