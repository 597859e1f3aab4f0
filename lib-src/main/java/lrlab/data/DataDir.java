package lrlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the project's {@code data/} folder, in this order: the system property {@code lrlab.data}
 * (the folder itself), the environment variable {@code LRLAB_ROOT} (+ {@code /data}), then the first
 * folder at or above the working directory that contains both {@code data/} and {@code pom.xml}.
 */
public final class DataDir {

    private DataDir() {
    }

    /** @return the data folder */
    public static Path locate() {
        String prop = System.getProperty("lrlab.data");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath();
        }
        String root = System.getenv("LRLAB_ROOT");
        if (root != null && !root.isBlank()) {
            return Paths.get(root, "data").toAbsolutePath();
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p.resolve("data");
            }
        }
        throw new IllegalStateException("cannot find the lrlab data folder from " + dir
                + ": set -Dlrlab.data=/path/to/lrlab/data or the environment variable LRLAB_ROOT=/path/to/lrlab");
    }

    /**
     * {@code locate().resolve(file)}, checked to exist.
     *
     * @param file the file's name in data/
     * @return {@code locate().resolve(file)}, checked to exist
     */
    public static Path file(String file) {
        Path p = locate().resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("data file not found: " + p
                    + " (the project's data/ folder ships it: restore it with git checkout -- data/, or point"
                    + " -Dlrlab.data or LRLAB_ROOT at the folder that has it)");
        }
        return p;
    }
}
