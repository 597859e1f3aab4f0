package lrlab.data;

import java.util.Arrays;
import lrlab.util.Check;
import lrlab.util.Shuffle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A small in-memory data set: features x as a row-major n×d {@code double[]} (row i is
 * {@code x[i*d .. i*d+d)}), and either real targets y (regression) or integer class labels 0..K−1
 * (classification). Immutable by convention: the arrays are shared, not copied, so do not modify them.
 */
public final class Dataset {

    private final String name;
    private final double[] x;
    private final int rows;
    private final int cols;
    private final double[] targets;
    private final int[] labels;
    private final int classCount;
    private final String[] featureNames;

    private Dataset(String name, double[] x, int rows, int cols, double[] targets, int[] labels,
                    int classCount, String[] featureNames) {
        this.name = name;
        this.x = x;
        this.rows = rows;
        this.cols = cols;
        this.targets = targets;
        this.labels = labels;
        this.classCount = classCount;
        this.featureNames = featureNames;
    }

    /**
     * A regression data set.
     *
     * @param x row-major n×d features (not copied)
     * @param d number of features
     * @param y n real targets (not copied)
     * @param name the data set's name
     * @param featureNames the features' names, one per column (none: x0, x1, …)
     * @return the new regression data set
     */
    public static Dataset regression(String name, double[] x, int d, double[] y, String... featureNames) {
        int n = checkShape(x, d, y == null ? -1 : y.length);
        return new Dataset(name, x, n, d, y, null, 0, names(featureNames, d));
    }

    /**
     * A classification data set with labels 0..classCount−1.
     *
     * @param x row-major n×d features (not copied)
     * @param d number of features
     * @param labels n class labels in [0, classCount) (not copied)
     * @param name the data set's name
     * @param classCount the number of classes, ≥ 2
     * @param featureNames the features' names, one per column (none: x0, x1, …)
     * @return the new classification data set
     */
    public static Dataset classification(String name, double[] x, int d, int[] labels, int classCount,
                                         String... featureNames) {
        int n = checkShape(x, d, labels == null ? -1 : labels.length);
        Check.atLeast("classCount", classCount, 2);
        for (int i = 0; i < n; i++) {
            int row = i;
            Check.that(labels[row] >= 0 && labels[row] < classCount, () -> "label of row " + row + " must be in [0, "
                    + classCount + "), got " + labels[row]);
        }
        return new Dataset(name, x, n, d, null, labels, classCount, names(featureNames, d));
    }

    private static int checkShape(double[] x, int d, int targetCount) {
        Check.notNull("features", x);
        Check.that(targetCount >= 0, () -> "targets must not be null");
        Check.that(d >= 1, () -> "feature count d must be >= 1, got " + d);
        Check.that(x.length % d == 0, () -> "features length " + x.length + " is not a multiple of d = " + d);
        int n = x.length / d;
        Check.that(n != 0, () -> "data set must have at least one row, got 0");
        Check.that(n == targetCount, () -> "features have " + n + " rows but targets have " + targetCount);
        return n;
    }

    private static String[] names(String[] given, int d) {
        if (given != null && given.length == d) {
            return given.clone();
        }
        Check.that(given == null || given.length == 0, () -> "expected " + d + " feature names, got " + given.length);
        String[] out = new String[d];
        for (int j = 0; j < d; j++) {
            out[j] = "x" + j;
        }
        return out;
    }

    /** @return name of the data set (e.g. "digits") */
    public String name() { return name; }

    /** @return number of rows n */
    public int rows() { return rows; }

    /** @return number of features d */
    public int features() { return cols; }

    /** @return row-major n×d features, shared (do not modify) */
    public double[] x() { return x; }

    /**
     * Feature j of row i, x[i*d + j].
     *
     * @param i the row
     * @param j the feature
     * @return feature j of row i, x[i*d + j]
     */
    public double x(int i, int j) { return x[i * cols + j]; }

    /** @return whether targets are class labels */
    public boolean isClassification() { return labels != null; }

    /** @return number of classes K (0 for regression) */
    public int classCount() { return classCount; }

    /** @return real targets (regression); throws for a classification set */
    public double[] targets() {
        if (targets == null) {
            throw new IllegalStateException(name + " is a classification data set: use labels()");
        }
        return targets;
    }

    /** @return class labels (classification); throws for a regression set */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException(name + " is a regression data set: use targets()");
        }
        return labels;
    }

    /** @return feature names, a copy */
    public String[] featureNames() { return featureNames.clone(); }

    /**
     * The rows at {@code indices}, in that order, as a new data set (arrays copied).
     *
     * @param indices row indices (not modified)
     * @return a new data set of those rows
     */
    public Dataset subset(int[] indices) {
        double[] sx = new double[indices.length * cols];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            Check.that(i >= 0 && i < rows, () -> "row index must be in [0, " + rows + "), got " + i);
            System.arraycopy(x, i * cols, sx, r * cols, cols);
        }
        if (labels != null) {
            int[] sl = new int[indices.length];
            for (int r = 0; r < indices.length; r++) {
                sl[r] = labels[indices[r]];
            }
            return new Dataset(name, sx, indices.length, cols, null, sl, classCount, featureNames);
        }
        double[] sy = new double[indices.length];
        for (int r = 0; r < indices.length; r++) {
            sy[r] = targets[indices[r]];
        }
        return new Dataset(name, sx, indices.length, cols, sy, null, 0, featureNames);
    }

    /** The same targets with new features of the same shape. */
    Dataset withFeatures(double[] newX) {
        return new Dataset(name, newX, rows, cols, targets, labels, classCount, featureNames);
    }

    /**
     * A seeded random split: a shuffled permutation of the rows ({@link Shuffle#permutation}), the first round(fraction·n) rows go to train, the rest to
     * validation.
     *
     * @param trainFraction in (0, 1); both parts must get at least one row
     * @param seed the seed of the random draws
     * @return the training and validation parts
     */
    public Split split(double trainFraction, long seed) {
        Check.that(trainFraction > 0 && trainFraction < 1, () -> "trainFraction must be in (0, 1), got " + trainFraction);
        int nTrain = (int) Math.round(trainFraction * rows);
        Check.that(nTrain >= 1 && nTrain <= rows - 1, () -> "trainFraction " + trainFraction + " of " + rows
                + " rows leaves an empty part");
        int[] perm = Shuffle.permutation(rows, seed);
        return new Split(subset(Arrays.copyOfRange(perm, 0, nTrain)),
                subset(Arrays.copyOfRange(perm, nTrain, rows)));
    }

    /**
     * This data set standardised with its own column means and standard deviations: z = (x − μ)/σ.
     *
     * @return a standardised copy
     */
    public Dataset standardize() {
        return Standardizer.fit(this).apply(this);
    }

    /** @return one column per feature, then {@code label} (int) or {@code target} (double) */
    public Table toTable() {
        Table t = Table.create(name);
        for (int j = 0; j < cols; j++) {
            double[] col = new double[rows];
            for (int i = 0; i < rows; i++) {
                col[i] = x[i * cols + j];
            }
            t.addColumns(DoubleColumn.create(featureNames[j], col));
        }
        if (labels != null) {
            t.addColumns(IntColumn.create("label", labels.clone()));
        } else {
            t.addColumns(DoubleColumn.create("target", targets.clone()));
        }
        return t;
    }

    @Override
    public String toString() {
        return name + ": " + rows + " rows x " + cols + " features, "
                + (labels != null ? classCount + " classes" : "real target");
    }
}
