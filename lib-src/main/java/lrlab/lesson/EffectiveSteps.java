package lrlab.lesson;

import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.train.Trainer;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-parameter step sizes of an optimizer: run {@code steps} full-batch steps from the model's seeded
 * initialisation and, for each parameter j, report the mean gradient size mean|g_j|, the mean step
 * mean|Δθ_j| and the effective rate η_j = Σ_t|Δθ_{j,t}| / Σ_t|g_{j,t}|. Plain SGD gives η_j = η for every j;
 * AdaGrad gives η/(√(Σg²)+ε), RMSprop η/(√v+ε) and Adam (with momentum in the numerator)
 * roughly η/(√v̂+ε): parameters with small gradients get large effective rates. Under Adam and RMSprop every
 * parameter then moves by about η per step whatever the scale of its feature; under AdaGrad the sum Σg² only
 * grows, so with gradients of steady size its steps shrink like η/√t ({@link #stepSizes} shows it).
 */
public final class EffectiveSteps {

    private final Model model;
    private int steps = 20;
    private long seed = 0;
    private String[] names;

    private EffectiveSteps(Model model) {
        this.model = model;
    }

    /** Measures on {@code model} (full batch: all of its rows every step). */
    public static EffectiveSteps of(Model model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        return new EffectiveSteps(model);
    }

    /** Full-batch steps per measurement (default 20). */
    public EffectiveSteps steps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.steps = steps;
        return this;
    }

    /** Seed of the initial parameters (default 0). */
    public EffectiveSteps seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Names of the parameters, in order (default p0, p1, …); must match the model's dimension. */
    public EffectiveSteps names(String... names) {
        if (names == null || names.length != model.dimension()) {
            throw new IllegalArgumentException("names must have one entry per parameter ("
                    + model.dimension() + "), got " + (names == null ? 0 : names.length));
        }
        this.names = names.clone();
        return this;
    }

    /**
     * The size of every step on mini-batches: table run (the optimizer's name), step (1 … steps), mean_abs_step =
     * (1/d) Σ_j |Δθ_{j,t}| over the d parameters. Training as {@link Trainer} does it (seeded shuffles, batches of
     * {@code batchSize} rows), from the seeded initialisation; mini-batch gradients keep a steady size even near
     * the minimum, which lets each method's own law show. {@code optimizer} is used as given (build a fresh one).
     *
     * @param name the optimizer's label in the table
     * @param optimizer the optimizer (stepped {@code steps} times)
     * @param batchSize rows per batch ≥ 1
     */
    public Table stepSizes(String name, Optimizer optimizer, int batchSize) {
        if (name == null || optimizer == null) {
            throw new IllegalArgumentException("name and optimizer must not be null");
        }
        Check.atLeast("batchSize", batchSize, 1);
        int d = model.dimension();
        double[] p = model.initialParams(seed);
        double[] before = p.clone();
        double[] size = new double[steps];
        int perEpoch = (model.data().rows() + batchSize - 1) / batchSize;
        int epochs = (steps + perEpoch - 1) / perEpoch;
        Trainer.of(model, optimizer).batchSize(batchSize).epochs(epochs).seed(seed).afterStep(step -> {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += Math.abs(p[j] - before[j]);
            }
            if (step <= steps) {
                size[(int) step - 1] = sum / d;
            }
            System.arraycopy(p, 0, before, 0, d);
        }).fit(p);
        return column(name + ": step sizes", name, size);
    }

    /**
     * The reference curve c/√t for t = 1 … steps in the columns of {@link #stepSizes} (run = {@code name}),
     * to draw beside AdaGrad's measured steps.
     *
     * @param name the curve's label, e.g. "η/√t"
     * @param c the value at t = 1
     */
    public Table inverseSqrt(String name, double c) {
        double[] values = new double[steps];
        for (int t = 1; t <= steps; t++) {
            values[t - 1] = c / Math.sqrt(t);
        }
        return column(name, name, values);
    }

    /** Columns run (= {@code run} on every row), step (1 … n) and mean_abs_step (the values), all of length n. */
    private static Table column(String title, String run, double[] values) {
        String[] runs = new String[values.length];
        int[] step = new int[values.length];
        for (int t = 0; t < values.length; t++) {
            runs[t] = run;
            step[t] = t + 1;
        }
        return Table.create(title).addColumns(StringColumn.create("run", runs), IntColumn.create("step", step),
                DoubleColumn.create("mean_abs_step", values));
    }

    /**
     * Table optimizer, index, param, mean_abs_grad, mean_abs_step, effective_lr (one row per parameter).
     * {@code optimizer} is used as given (build a fresh one per call).
     */
    public Table measure(String name, Optimizer optimizer) {
        if (name == null || optimizer == null) {
            throw new IllegalArgumentException("name and optimizer must not be null");
        }
        int d = model.dimension();
        double[] p = model.initialParams(seed);
        double[] g = new double[d];
        double[] before = new double[d];
        double[] sumGrad = new double[d];
        double[] sumStep = new double[d];
        for (int t = 0; t < steps; t++) {
            model.valueAndGradient(p, g);
            System.arraycopy(p, 0, before, 0, d);
            optimizer.step(p, g);
            for (int j = 0; j < d; j++) {
                sumGrad[j] += Math.abs(g[j]);
                sumStep[j] += Math.abs(p[j] - before[j]);
            }
        }
        Table out = Table.create(name).addColumns(StringColumn.create("run"), IntColumn.create("index"),
                StringColumn.create("param"), DoubleColumn.create("mean_abs_grad"),
                DoubleColumn.create("mean_abs_step"), DoubleColumn.create("effective_lr"));
        for (int j = 0; j < d; j++) {
            out.stringColumn("run").append(name);
            out.intColumn("index").append(j);
            out.stringColumn("param").append(names == null ? "p" + j : names[j]);
            out.doubleColumn("mean_abs_grad").append(sumGrad[j] / steps);
            out.doubleColumn("mean_abs_step").append(sumStep[j] / steps);
            out.doubleColumn("effective_lr").append(sumGrad[j] > 0 ? sumStep[j] / sumGrad[j] : Double.NaN);
        }
        return out;
    }
}
