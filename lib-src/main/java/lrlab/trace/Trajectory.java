package lrlab.trace;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One recorded gradient-descent run: the iterates θ_0 … θ_n (start included, as the course text's
 * trajectory lists) and their losses, plus whether it was cut for diverging.
 */
public final class Trajectory {

    private final double lr;
    private final int dimension;
    private final int steps;
    private final double[] iterates;
    private final double[] losses;
    private final boolean diverged;
    private final String label;

    Trajectory(double lr, int dimension, int steps, double[] iterates, double[] losses, boolean diverged) {
        this(null, lr, dimension, steps, iterates, losses, diverged);
    }

    Trajectory(String label, double lr, int dimension, int steps, double[] iterates, double[] losses,
               boolean diverged) {
        this.label = label == null ? "lr=" + lr : label;
        this.lr = lr;
        this.dimension = dimension;
        this.steps = steps;
        this.iterates = iterates;
        this.losses = losses;
        this.diverged = diverged;
    }

    /** @return the learning rate η of this run */
    public double lr() {
        return lr;
    }

    /** @return the number of updates made (fewer than asked when the run diverged) */
    public int steps() {
        return steps;
    }

    /** @return whether the run was stopped because an iterate left the bound or stopped being finite */
    public boolean diverged() {
        return diverged;
    }

    /** @return the number of coordinates of θ */
    public int dimension() {
        return dimension;
    }

    /**
     * @param t the step, 0 ≤ t ≤ {@link #steps()}
     * @return θ_t (a copy)
     */
    public double[] iterates(int t) {
        return java.util.Arrays.copyOfRange(iterates, t * dimension, (t + 1) * dimension);
    }

    /**
     * Coordinate {@code i} of θ_t.
     *
     * @param t the step, 0 ≤ t ≤ {@link #steps()}
     * @param i the coordinate, 0 ≤ i &lt; {@link #dimension()}
     * @return coordinate {@code i} of θ_t
     */
    public double iterate(int t, int i) {
        return iterates[t * dimension + i];
    }

    /**
     * θ_t of a 1-D run.
     *
     * @param t the step, 0 ≤ t ≤ {@link #steps()}
     * @return θ_t of a 1-D run
     */
    public double w(int t) {
        return iterate(t, 0);
    }

    /**
     * L(θ_t).
     *
     * @param t the step, 0 ≤ t ≤ {@link #steps()}
     * @return L(θ_t)
     */
    public double loss(int t) {
        return losses[t];
    }

    /** @return L(θ_n), the loss after the last update */
    public double finalLoss() {
        return losses[steps];
    }

    /** @return the label of this run in tables and legends: {@code lr=0.1}, or the name it was run under */
    public String label() {
        return label;
    }

    /**
     * The same run under another name in tables and legends, e.g. {@code run.named("from w0 = 2")}.
     *
     * @param label the label
     * @return a copy under the new name
     */
    public Trajectory named(String label) {
        lrlab.util.Check.nonBlank("label", label);
        return new Trajectory(label, lr, dimension, steps, iterates, losses, diverged);
    }

    /** @return iterates θ_0 … θ_n of a 1-D run (a copy) */
    public double[] ws() {
        double[] w = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            w[t] = iterates[t * dimension];
        }
        return w;
    }

    /** @return losses L(θ_0) … L(θ_n) (a copy) */
    public double[] losses() {
        return losses.clone();
    }

    /**
     * The run as a table, one row per t = 0 … n: run, lr, step, the coordinates ({@code w} in 1-D,
     * {@code x0, x1, …} otherwise), loss, and the step size |θ_t − θ_{t−1}| (0 at t = 0).
     *
     * @return the run as a table, one row per t = 0 … n: run, lr, step, the coordinates ({@code w} in 1-D, {@code x0, x1, …} otherwise), loss, and the step size |θ_t − θ_{t−1}| (0 at t = 0)
     */
    public Table table() {
        Table t = Table.create(label());
        StringColumn run = StringColumn.create("run");
        DoubleColumn lrs = DoubleColumn.create("lr");
        IntColumn step = IntColumn.create("step");
        DoubleColumn[] coords = new DoubleColumn[dimension];
        for (int i = 0; i < dimension; i++) {
            coords[i] = DoubleColumn.create(dimension == 1 ? "w" : "x" + i);
        }
        DoubleColumn loss = DoubleColumn.create("loss");
        DoubleColumn stepSize = DoubleColumn.create("step_size");
        for (int k = 0; k <= steps; k++) {
            run.append(label());
            lrs.append(lr);
            step.append(k);
            double moved = 0;
            for (int i = 0; i < dimension; i++) {
                coords[i].append(iterate(k, i));
                if (k > 0) {
                    double delta = iterate(k, i) - iterate(k - 1, i);
                    moved += delta * delta;
                }
            }
            loss.append(losses[k]);
            stepSize.append(Math.sqrt(moved));
        }
        t.addColumns(run, lrs, step);
        t.addColumns(coords);
        t.addColumns(loss, stepSize);
        return t;
    }
}
