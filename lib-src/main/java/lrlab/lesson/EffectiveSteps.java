package lrlab.lesson;

import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.train.BatchLoop;
import lrlab.train.RunSettings;
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
 * gradients get large effective rates, so every parameter moves by about η per step whatever the scale of
 * its feature. {@link #steps(int)} asks for full-batch steps.
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
