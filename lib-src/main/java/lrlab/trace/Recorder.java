package lrlab.trace;

import java.util.Arrays;
import java.util.List;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Records one run, step by step, into primitive growable buffers (step, lr, loss, gradient norm and
 * the parameter vector), and turns it into a Tablesaw table on demand.
 *
 * <p>{@link #record} copies the values in; after the buffers have grown to the run's length
 * (doubling, so O(log n) times) it allocates nothing. A run is <b>stopped</b> at the first
 * non-finite loss, gradient norm or parameter (that row is not stored, so no NaN reaches a plot),
 * or at the first parameter with |w| &gt; bound (that row is stored: it is the last finite evidence
 * of the divergence, as in the oracle files). After a stop {@link #record} returns false and
 * further calls throw. The stop is visible in {@link #stopped()}, {@link #stopReason()} and in the
 * table's name.
 *
 * <pre>{@code
 * var rec = Recorder.named("lr=0.1", 1);
 * for (int t = 0; t < 100; t++) {
 *     double loss = f.valueAndGradient(w, g);
 *     if (!rec.record(t, lr, loss, g, w)) break;   // stopped: diverged
 *     w[0] -= lr * g[0];
 * }
 * rec.table();                                      // run, step, lr, loss, grad_norm, w
 * }</pre>
 */
public final class Recorder {

    /** Why a run stopped recording. */
    public enum StopReason {
        /** Still running (or finished normally). */
        NONE,
        /** A loss, gradient norm or parameter was NaN or infinite; that row was not stored. */
        NON_FINITE,
        /** A parameter passed the bound in absolute value; that row was stored. */
        BOUND
    }

    /**
     * The default divergence bound on |parameter|, 1e6, as in the oracle files' diverging runs; the one
     * constant shared by {@link Recorder} and {@link GradientDescent}.
     */
    public static final double DEFAULT_BOUND = 1e6;

    private static final int INITIAL_CAPACITY = 64;

    private final String name;
    private final int dimension;
    private final double bound;
    private int size;
    private int[] steps;
    private double[] lrs;
    private double[] losses;
    private double[] gradNorms;
    private double[] params;
    private StopReason stopReason = StopReason.NONE;
    private int stopStep = -1;

    private Recorder(String name, int dimension, double bound, int capacity) {
        this.name = name;
        this.dimension = dimension;
        this.bound = bound;
        steps = new int[capacity];
        lrs = new double[capacity];
        losses = new double[capacity];
        gradNorms = new double[capacity];
        params = new double[capacity * dimension];
    }

    /**
     * A recorder for a run called {@code name} with {@code dimension} parameters and the default bound 1e6.
     *
     * @throws IllegalArgumentException if name is null or blank, or dimension &lt; 0
     */
    public static Recorder named(String name, int dimension) {
        return named(name, dimension, DEFAULT_BOUND);
    }

    /**
     * A recorder that stops when a parameter passes |w| &gt; bound.
     *
     * @throws IllegalArgumentException if name is blank, dimension &lt; 0, or bound is not &gt; 0
     */
    public static Recorder named(String name, int dimension, double bound) {
        Check.nonBlank("name", name);
        Check.nonNegative("dimension", dimension);
        Check.positiveOrInfinite("bound", bound);
        return new Recorder(name, dimension, bound, INITIAL_CAPACITY);
    }

    /** A recorder called "run" with the default bound. */
    public static Recorder create(int dimension) {
        return named("run", dimension);
    }

    /**
     * Records one step, the gradient norm computed as ‖gradient‖₂.
     *
     * @param gradient the gradient used by this step (not modified), length {@link #dimension()}
     * @param params the parameters to record (not modified), length {@link #dimension()}
     * @return true if the run may go on, false if it has just stopped
     */
    public boolean record(int step, double lr, double loss, double[] gradient, double[] params) {
        checkLength("gradient", gradient);
        double s = 0;
        for (double g : gradient) s += g * g;
        return record(step, lr, loss, Math.sqrt(s), params);
    }

    /**
     * Records one step. Stores nothing and stops the run if loss, gradNorm or a parameter is not
     * finite; stores the row and stops the run if a parameter has |w| &gt; bound.
     *
     * @param params the parameters to record (not modified), length {@link #dimension()}
     * @return true if the run may go on, false if it has just stopped
     * @throws IllegalStateException if the run had already stopped
     * @throws IllegalArgumentException if params has the wrong length
     */
    public boolean record(int step, double lr, double loss, double gradNorm, double[] params) {
        if (stopReason != StopReason.NONE) {
            throw new IllegalStateException("run '" + name + "' stopped at step " + stopStep + " (" + stopReason
                    + "); record nothing after record(...) returned false");
        }
        checkLength("params", params);
        boolean finite = Double.isFinite(loss) && Double.isFinite(gradNorm);
        boolean inBound = true;
        for (int j = 0; j < dimension; j++) {
            double p = params[j];
            if (!Double.isFinite(p)) finite = false;
            else if (Math.abs(p) > bound) inBound = false;
        }
        if (!finite) {
            stopReason = StopReason.NON_FINITE;
            stopStep = step;
            return false;
        }
        if (size == steps.length) grow();
        steps[size] = step;
        lrs[size] = lr;
        losses[size] = loss;
        gradNorms[size] = gradNorm;
        System.arraycopy(params, 0, this.params, size * dimension, dimension);
        size++;
        if (!inBound) {
            stopReason = StopReason.BOUND;
            stopStep = step;
            return false;
        }
        return true;
    }

    private void checkLength(String what, double[] a) {
        if (a == null || a.length != dimension) {
            throw new IllegalArgumentException(what + " must have length " + dimension + " (the dimension), got "
                    + (a == null ? "null" : String.valueOf(a.length)));
        }
    }

    private void grow() {
        int n = steps.length * 2;
        steps = Arrays.copyOf(steps, n);
        lrs = Arrays.copyOf(lrs, n);
        losses = Arrays.copyOf(losses, n);
        gradNorms = Arrays.copyOf(gradNorms, n);
        params = Arrays.copyOf(params, n * dimension);
    }

    /** Forgets every row and the stop flag, keeping the buffers (so a reused recorder allocates nothing). */
    public void clear() {
        size = 0;
        stopReason = StopReason.NONE;
        stopStep = -1;
    }

    /** The run's name (the {@code run} column of the table). */
    public String name() {
        return name;
    }

    /** The number of parameters per row. */
    public int dimension() {
        return dimension;
    }

    /** The bound on |parameter| past which the run stops. */
    public double bound() {
        return bound;
    }

    /** Rows recorded. */
    public int size() {
        return size;
    }

    /** True once the run has stopped (non-finite value or parameter past the bound). */
    public boolean stopped() {
        return stopReason != StopReason.NONE;
    }

    /** True when the run stopped because it diverged: same as {@link #stopped()}. */
    public boolean diverged() {
        return stopped();
    }

    /** Why the run stopped, or {@link StopReason#NONE}. */
    public StopReason stopReason() {
        return stopReason;
    }

    /** The step number passed to the {@link #record} call that stopped the run, or −1. */
    public int stopStep() {
        return stopStep;
    }

    /** The step number of row i. */
    public int step(int row) {
        return steps[checkRow(row)];
    }

    /** The learning rate of row i. */
    public double lr(int row) {
        return lrs[checkRow(row)];
    }

    /** The loss of row i. */
    public double loss(int row) {
        return losses[checkRow(row)];
    }

    /** The gradient norm of row i. */
    public double gradNorm(int row) {
        return gradNorms[checkRow(row)];
    }

    /** Parameter j of row i. */
    public double param(int row, int j) {
        checkRow(row);
        if (j < 0 || j >= dimension) {
            throw new IndexOutOfBoundsException("parameter index must be in [0, " + dimension + "), got " + j);
        }
        return params[row * dimension + j];
    }

    private int checkRow(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row must be in [0, " + size + "), got " + row);
        }
        return row;
    }

    /** The losses, one per row (a copy). */
    public double[] losses() {
        return Arrays.copyOf(losses, size);
    }

    /** The learning rates, one per row (a copy). */
    public double[] lrs() {
        return Arrays.copyOf(lrs, size);
    }

    /** The gradient norms, one per row (a copy). */
    public double[] gradNorms() {
        return Arrays.copyOf(gradNorms, size);
    }

    /** The step numbers, one per row (a copy). */
    public int[] steps() {
        return Arrays.copyOf(steps, size);
    }

    /** Parameter j over the rows (a copy): the trajectory of one coordinate. */
    public double[] paramSeries(int j) {
        if (j < 0 || j >= dimension) {
            throw new IndexOutOfBoundsException("parameter index must be in [0, " + dimension + "), got " + j);
        }
        double[] s = new double[size];
        for (int i = 0; i < size; i++) s[i] = params[i * dimension + j];
        return s;
    }

    /** The parameter vectors, one row each (a copy). */
    public double[][] params() {
        double[][] p = new double[size][];
        for (int i = 0; i < size; i++) p[i] = Arrays.copyOfRange(params, i * dimension, (i + 1) * dimension);
        return p;
    }

    /** The names of the parameter columns: {@code w} in 1-D, else {@code w0, w1, …}. */
    public String[] paramColumnNames() {
        String[] n = new String[dimension];
        for (int j = 0; j < dimension; j++) n[j] = dimension == 1 ? "w" : "w" + j;
        return n;
    }

    /**
     * The run as a long-format table: columns run, step, lr, loss, grad_norm and one per parameter
     * ({@code w}, or {@code w0, w1, …}). A stopped run's table is named e.g.
     * {@code "lr=1.1 (stopped at step 37: BOUND)"}.
     */
    public Table table() {
        Table t = Table.create(stopped() ? name + " (stopped at step " + stopStep + ": " + stopReason + ")" : name);
        String[] run = new String[size];
        Arrays.fill(run, name);
        t.addColumns(StringColumn.create("run", run),
                IntColumn.create("step", steps()),
                DoubleColumn.create("lr", lrs()),
                DoubleColumn.create("loss", losses()),
                DoubleColumn.create("grad_norm", gradNorms()));
        String[] names = paramColumnNames();
        for (int j = 0; j < dimension; j++) t.addColumns(DoubleColumn.create(names[j], paramSeries(j)));
        return t;
    }

    /**
     * Several runs in one long table (the {@code run} column tells them apart), ready for grouping
     * and plotting by run.
     *
     * @throws IllegalArgumentException if there are no runs, or they differ in dimension
     */
    public static Table concat(Recorder... runs) {
        return concat(Arrays.asList(runs));
    }

    /** Several runs in one long table; see {@link #concat(Recorder...)}. */
    public static Table concat(List<Recorder> runs) {
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("runs must hold at least one recorder, got 0");
        }
        int d = runs.get(0).dimension;
        StringBuilder stopped = new StringBuilder();
        Table all = null;
        for (Recorder r : runs) {
            if (r.dimension != d) {
                throw new IllegalArgumentException("runs must share one dimension, got " + d + " and "
                        + r.dimension + " (run '" + r.name + "')");
            }
            if (r.stopped()) stopped.append(stopped.length() == 0 ? "" : ", ").append(r.name);
            Table t = r.table();
            if (all == null) all = t.copy();
            else all.append(t);
        }
        all.setName(stopped.length() == 0 ? "runs" : "runs (stopped: " + stopped + ")");
        return all;
    }

    @Override
    public String toString() {
        return "Recorder[" + name + ", " + size + " rows, dimension " + dimension
                + (stopped() ? ", stopped at step " + stopStep + ": " + stopReason : "") + "]";
    }
}
