package lrlab.lesson;

import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.train.BatchLoop;
import lrlab.train.RunSettings;
import lrlab.train.Trainer;
import lrlab.train.TrainingListener;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-parameter step sizes of an optimizer: train from the model's seeded initialisation on the library's
 * batch loop (batches in row order, so every measurement sees the same batches) and, for each parameter j,
 * report the mean gradient size mean|g_j|, the mean step mean|Δθ_j| and the effective rate
 * η_j = Σ_t|Δθ_{j,t}| / Σ_t|g_{j,t}|. Plain SGD gives η_j = η for every j; AdaGrad gives η/(√(Σg²)+ε),
 * RMSprop η/(√v+ε) and Adam (with momentum in the numerator) roughly η/(√v̂+ε): parameters with small
 * gradients get large effective rates. Under Adam and RMSprop a parameter then moves by at most about η per
 * step whatever the scale of its feature (about η while its gradients agree); under AdaGrad the sum Σg² only
 * grows, so with gradients of steady size its steps shrink like η/√t ({@link #stepSizes} shows it). {@link #steps(int)} asks for full-batch steps.
 */
public final class EffectiveSteps extends RunSettings<EffectiveSteps> {

    private final Model model;
    private String[] names;

    private EffectiveSteps(Model model) {
        this.model = model;
    }

    /**
     * Measures on {@code model}.
     *
     * @param model the model on its data
     * @return the probe, with the shared run defaults until told otherwise
     */
    public static EffectiveSteps of(Model model) {
        return new EffectiveSteps(Check.notNull("model", model));
    }

    @Override
    protected EffectiveSteps self() {
        return this;
    }

    /**
     * {@code steps} full-batch steps per measurement: {@code epochs(steps)} with one batch of all rows.
     *
     * @param steps the number of steps, ≥ 1
     * @return this
     */
    public EffectiveSteps steps(int steps) {
        return epochs(steps).batchSize(model.rows());
    }

    /**
     * @param names the parameters' names, in order (default p0, p1, …), one per parameter of the model
     * @return this
     */
    public EffectiveSteps names(String... names) {
        Check.that(names != null && names.length == model.dimension(), () -> "names must have one entry per parameter ("
                + model.dimension() + "), got " + (names == null ? 0 : names.length));
        this.names = names.clone();
        return this;
    }

    /** @return the optimizer steps one measurement takes: epochs · ⌈n/B⌉ (after {@code steps(s)}: s) */
    public int measuredSteps() {
        return config().totalSteps(model.rows());
    }

    /**
     * The size of every step on mini-batches: training as {@link Trainer} does it (seeded shuffles, batches of
     * {@code batchSize} rows) from the seeded initialisation, for {@link #measuredSteps()} steps; mini-batch
     * gradients keep a steady size even near the minimum, which lets each method's own law show.
     *
     * @param name the optimizer's label in the table
     * @param optimizer the optimizer (used as given: build a fresh one)
     * @param batchSize rows per batch ≥ 1
     * @return one row per step: run (the name), step (1 …), mean_abs_step = (1/d) Σ_j |Δθ_{j,t}|
     */
    public Table stepSizes(String name, Optimizer optimizer, int batchSize) {
        Check.notNull("name", name);
        Check.notNull("optimizer", optimizer);
        Check.atLeast("batchSize", batchSize, 1);
        int steps = measuredSteps();
        int d = model.dimension();
        double[] p = model.initialParams(config().seed());
        double[] before = p.clone();
        double[] size = new double[steps];
        int perEpoch = config().batchSize(batchSize).stepsPerEpoch(model.rows());
        int epochs = (steps + perEpoch - 1) / perEpoch;
        Trainer.of(model, optimizer).config(config().batchSize(batchSize).epochs(epochs)).listener(new TrainingListener() {
            @Override
            public void onStep(long step, double loss, double lr) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += Math.abs(p[j] - before[j]);
                }
                if (step <= steps) {
                    size[(int) step - 1] = sum / d;
                }
                System.arraycopy(p, 0, before, 0, d);
            }
        }).fit(p);
        return column(name + ": step sizes", name, size);
    }

    /**
     * The reference curve c/√t for t = 1 … {@link #measuredSteps()} in the columns of {@link #stepSizes}, to draw
     * beside AdaGrad's measured steps.
     *
     * @param name the curve's label (the run column), e.g. "η/√t"
     * @param c the value at t = 1
     * @return one row per step
     */
    public Table inverseSqrt(String name, double c) {
        int steps = measuredSteps();
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
     * Trains with {@code optimizer} (used as given: build a fresh one per call) and measures.
     *
     * @param name the run's name in the table
     * @param optimizer the optimizer
     * @return one row per parameter: run, index, param, mean_abs_grad, mean_abs_step, effective_lr
     */
    public Table measure(String name, Optimizer optimizer) {
        Check.notNull("name", name);
        Check.notNull("optimizer", optimizer);
        int d = model.dimension();
        double[] p = model.initialParams(config().seed());
        Probe probe = new Probe(d);
        BatchLoop loop = BatchLoop.inOrder(model, optimizer, config().batchSize());
        for (int e = 0; e < config().epochs(); e++) {
            loop.epoch(p, probe);
        }
        long steps = loop.steps();
        Table out = Table.create(name).addColumns(StringColumn.create("run"), IntColumn.create("index"),
                StringColumn.create("param"), DoubleColumn.create("mean_abs_grad"),
                DoubleColumn.create("mean_abs_step"), DoubleColumn.create("effective_lr"));
        for (int j = 0; j < d; j++) {
            out.stringColumn("run").append(name);
            out.intColumn("index").append(j);
            out.stringColumn("param").append(names == null ? "p" + j : names[j]);
            out.doubleColumn("mean_abs_grad").append(probe.sumGrad[j] / steps);
            out.doubleColumn("mean_abs_step").append(probe.sumStep[j] / steps);
            out.doubleColumn("effective_lr").append(probe.sumGrad[j] > 0 ? probe.sumStep[j] / probe.sumGrad[j] : Double.NaN);
        }
        return out;
    }

    /** Sums |g_j| before each step and |Δθ_j| over it. */
    private static final class Probe implements BatchLoop.Hooks {
        final double[] before;
        final double[] sumGrad;
        final double[] sumStep;

        Probe(int d) {
            before = new double[d];
            sumGrad = new double[d];
            sumStep = new double[d];
        }

        @Override
        public boolean beforeStep(long step, double loss, double lr, double[] params, double[] gradient) {
            System.arraycopy(params, 0, before, 0, before.length);
            for (int j = 0; j < before.length; j++) {
                sumGrad[j] += Math.abs(gradient[j]);
            }
            return true;
        }

        @Override
        public boolean afterStep(long step, double loss, double lr, double[] params) {
            for (int j = 0; j < before.length; j++) {
                sumStep[j] += Math.abs(params[j] - before[j]);
            }
            return true;
        }
    }
}
