package lrlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import lrlab.util.Check;

/**
 * Loaders for the course's data sets in {@code data/} (see data/README.md for provenance). Features are
 * raw: standardise them ({@link Dataset#standardize()} or {@link Split#standardize()}) before gradient
 * descent.
 */
public final class Datasets {

    private Datasets() {
    }

    /** @return the diabetes data set */
    public static Dataset diabetes() {
        List<double[]> xs = readRows(DataDir.file("diabetes_data_raw.csv.gz"), " ");
        List<double[]> ys = readRows(DataDir.file("diabetes_target.csv.gz"), " ");
        int d = 10;
        double[] x = flatten(xs, d, "diabetes_data_raw.csv.gz");
        double[] y = new double[ys.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = ys.get(i)[0];
        }
        return Dataset.regression("diabetes", x, d, y,
                "age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");
    }

    /** @return the breast cancer data set */
    public static Dataset breastCancer() {
        Path p = DataDir.file("breast_cancer.csv");
        List<double[]> rows = readRows(p, ",", 1); // first line is "569,30,malignant,benign"
        int d = 30;
        return labelled("breast_cancer", rows, d, 2, p, breastCancerNames());
    }

    /** @return the digits data set */
    public static Dataset digits() {
        Path p = DataDir.file("digits.csv.gz");
        String[] names = new String[64];
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                names[r * 8 + c] = "pixel_" + r + "_" + c;
            }
        }
        return labelled("digits", readRows(p, ","), 64, 10, p, names);
    }

    /**
     * A synthetic linear regression with a known noise level: features x_ij ~ N(0, 1), true weights
     * w_j drawn uniformly from [−1, 1], and y_i = x_i·w + σ·ε_i with ε_i ~ N(0, 1), all from one seed.
     * The best possible mean squared error is about σ² (exactly the least-squares residual of the
     * sample), so the excess loss of a run above it is easy to read. Features are already standardised
     * in distribution (mean 0, variance 1).
     *
     * @param rows n ≥ 2
     * @param features d ≥ 1
     * @param noise σ ≥ 0, the standard deviation of the noise in y
     * @param seed seed of the generator
     * @return the synthetic data set
     */
    public static Dataset linear(int rows, int features, double noise, long seed) {
        Check.atLeast("rows", rows, 2);
        Check.atLeast("features", features, 1);
        Check.nonNegative("noise", noise);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[features];
        for (int j = 0; j < features; j++) {
            w[j] = 2 * rng.nextDouble() - 1;
        }
        double[] x = new double[rows * features];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < features; j++) {
                double v = rng.nextGaussian();
                x[i * features + j] = v;
                s += v * w[j];
            }
            y[i] = s + noise * rng.nextGaussian();
        }
        return Dataset.regression("linear(n=" + rows + ", d=" + features + ", noise=" + noise + ")", x, features, y);
    }

    private static Dataset labelled(String name, List<double[]> rows, int d, int k, Path p, String[] names) {
        double[] x = new double[rows.size() * d];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            if (r.length != d + 1) {
                throw new IllegalStateException(p + ": row " + (i + 1) + " has " + r.length + " values, expected " + (d + 1));
            }
            System.arraycopy(r, 0, x, i * d, d);
            labels[i] = (int) r[d];
        }
        return Dataset.classification(name, x, d, labels, k, names);
    }

    private static double[] flatten(List<double[]> rows, int d, String file) {
        double[] x = new double[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length != d) {
                throw new IllegalStateException(file + ": row " + (i + 1) + " has " + rows.get(i).length + " values, expected " + d);
            }
            System.arraycopy(rows.get(i), 0, x, i * d, d);
        }
        return x;
    }

    private static List<double[]> readRows(Path p, String sep) {
        return readRows(p, sep, 0);
    }

    private static List<double[]> readRows(Path p, String sep, int skip) {
        List<double[]> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo <= skip || line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(sep.equals(" ") ? "\\s+" : sep);
                double[] v = new double[parts.length];
                for (int j = 0; j < parts.length; j++) {
                    try {
                        v[j] = Double.parseDouble(parts[j]);
                    } catch (NumberFormatException e) {
                        throw new IllegalStateException(p + ": line " + lineNo + " value " + (j + 1)
                                + " is not a number: '" + parts[j] + "'");
                    }
                }
                out.add(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        return out;
    }

    private static String[] breastCancerNames() {
        String[] base = {"radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
            "concave points", "symmetry", "fractal dimension"};
        String[] prefix = {"mean ", "", "worst "};
        String[] suffix = {"", " error", ""};
        String[] names = new String[30];
        for (int g = 0; g < 3; g++) {
            for (int j = 0; j < 10; j++) {
                names[g * 10 + j] = prefix[g] + base[j] + suffix[g];
            }
        }
        return names;
    }
}
