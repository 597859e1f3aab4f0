package lrlab.lesson;

import java.util.function.DoubleFunction;
import lrlab.data.Dataset;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.schedule.Schedulers;
import lrlab.train.BatchLoop;
import lrlab.train.RunSettings;
import lrlab.train.Trainer;
import lrlab.train.TrainingListener;
import lrlab.train.TrainingResult;
import lrlab.util.Check;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The linear scaling rule (Goyal et al. 2017) measured: for batch size B and a base rate η₀ tuned at batch
 * B₀, train for the same number of epochs with
 * <ul>
 *   <li>{@code fixed} — η = η₀ at every batch size;</li>
 *   <li>{@code scaled} — η = η₀·B/B₀;</li>
 *   <li>{@code scaled + warmup} — η ramps linearly from η₀ to η₀·B/B₀ over the first {@code warmupEpochs}
 *       epochs (Goyal's gradual warmup; {@code LinearLR} stepped per batch), then stays there.</li>
 * </ul>
 * Steps per epoch = ⌈n/B⌉, so at a fixed number of epochs a large batch takes few, large steps. The run
 * settings are the shared ones: epochs and seed for every run, and the batch size is B₀.
 */
public final class BatchScaling extends RunSettings<BatchScaling> {

    /** The three variants, in table order. */
    public static final String FIXED = "fixed";
    /** η₀·B/B₀. */
    public static final String SCALED = "scaled";
    /** η₀·B/B₀ after a linear warmup from η₀. */
    public static final String WARMUP = "scaled + warmup";

    private final Model model;
    private final Dataset validation;
    private double baseLr = 0.05;
    private int warmupEpochs = 2;
    private DoubleFunction<Optimizer> optimizerFor = lr -> Optimizers.sgd(lr).build();
    private TrainingListener listener;

    private BatchScaling(Model model, Dataset validation) {
        this.model = model;
        this.validation = validation;
    }

    /**
     * Runs of {@code model} on its training data, scored on {@code validation}.
     *
     * @param model the model on its training rows
     * @param validation held-out rows
     * @return the experiment, base rate 0.05 at batch 32 until told otherwise
     */
    public static BatchScaling on(Model model, Dataset validation) {
        Check.notNull("model", model);
        Check.notNull("validation", validation);
        return new BatchScaling(model, validation);
    }

    @Override
    protected BatchScaling self() {
        return this;
    }

    /**
     * η₀ and the batch size B₀ it belongs to (defaults 0.05 at 32).
     *
     * @param lr η₀, finite and &gt; 0
     * @param batch B₀, ≥ 1 (the run settings' batch size)
     * @return this
     */
    public BatchScaling base(double lr, int batch) {
        this.baseLr = Check.positive("lr", lr);
        return batchSize(batch);
    }

    /**
     * @param warmupEpochs warmup length in epochs for the warmup variant, ≥ 1 (default 2; must be &lt; epochs at run time)
     * @return this
     */
    public BatchScaling warmupEpochs(int warmupEpochs) {
        this.warmupEpochs = Check.atLeast("warmupEpochs", warmupEpochs, 1);
        return this;
    }

    /**
     * @param optimizerFor the optimizer for a rate (default plain SGD)
     * @return this
     */
    public BatchScaling optimizer(DoubleFunction<Optimizer> optimizerFor) {
        this.optimizerFor = Check.notNull("optimizerFor", optimizerFor);
        return this;
    }

    /**
     * Reports each run's epochs (e.g. to a notebook's progress line), each run named as a stage.
     *
     * @param listener told about every run, or null for none
     * @return this
     */
    public BatchScaling progress(TrainingListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * @param batch B, ≥ 1
     * @return the linear scaling rule's rate at batch size B: η_B = η₀·B/B₀
     */
    public double scaledLr(int batch) {
        Check.atLeast("batch", batch, 1);
        return baseLr * batch / config().batchSize();
    }

    /**
     * @param batch B, ≥ 1
     * @return optimizer steps of a whole run at batch size B: epochs·⌈n/B⌉
     */
    public int totalSteps(int batch) {
        return config().epochs() * stepsPerEpoch(batch);
    }

    /**
     * @param batch B, ≥ 1
     * @return ⌈n/B⌉ optimizer steps per epoch on the model's training rows
     */
    public int stepsPerEpoch(int batch) {
        return BatchLoop.stepsPerEpoch(model.rows(), Check.atLeast("batch", batch, 1), false);
    }

    /**
     * All three variants at every batch size.
     *
     * @param batchSizes the batch sizes B, each ≥ 1
     * @return one row per variant × batch size: run (the variant), batch, steps_per_epoch, total_steps, lr
     *         (the rate after warmup), val_loss (NaN when diverged), val_accuracy, diverged
     */
    public Table run(int... batchSizes) {
        Check.that(batchSizes != null && batchSizes.length > 0, () -> "batchSizes must not be empty");
        for (int b : batchSizes) {
            Check.atLeast("batch sizes", b, 1);
        }
        int epochs = config().epochs();
        Check.that(warmupEpochs < epochs, () -> "warmupEpochs must be < epochs " + epochs + ", got " + warmupEpochs);
        Table t = Table.create("linear scaling rule").addColumns(StringColumn.create("run"),
                IntColumn.create("batch"), IntColumn.create("steps_per_epoch"), IntColumn.create("total_steps"),
                DoubleColumn.create("lr"), DoubleColumn.create("val_loss"), DoubleColumn.create("val_accuracy"),
                BooleanColumn.create("diverged"));
        for (String variant : new String[] {FIXED, SCALED, WARMUP}) {
            for (int b : batchSizes) {
                double lr = variant.equals(FIXED) ? baseLr : scaledLr(b);
                TrainingResult r = train(variant, b, lr);
                boolean div = r.diverged() || !Double.isFinite(r.finalValLoss());
                t.stringColumn("run").append(variant);
                t.intColumn("batch").append(b);
                t.intColumn("steps_per_epoch").append(stepsPerEpoch(b));
                t.intColumn("total_steps").append(totalSteps(b));
                t.doubleColumn("lr").append(lr);
                t.doubleColumn("val_loss").append(div ? Double.NaN : r.finalValLoss());
                t.doubleColumn("val_accuracy").append(div ? Double.NaN : r.finalValAccuracy());
                t.booleanColumn("diverged").append(div);
            }
        }
        return t;
    }

    /**
     * The largest batch size up to which {@code variant} keeps its validation loss within a factor
     * (1 + tol) of the loss at {@code baseBatch} (every batch from the base up to it must pass; a diverged
     * run fails). Returns the base batch when even the next one fails.
     */
    public static int holdsUpTo(Table runs, String variant, int baseBatch, double tol) {
        Check.nonNegative("tol", tol);
        Table v = runs.where(runs.stringColumn("run").isEqualTo(variant)).sortAscendingOn("batch");
        double base = Double.NaN;
        for (int i = 0; i < v.rowCount(); i++) {
            if (v.intColumn("batch").get(i) == baseBatch) {
                base = v.doubleColumn("val_loss").get(i);
            }
        }
        double baseLoss = base;
        Check.that(Double.isFinite(baseLoss), () -> "runs must hold a finite run of variant '" + variant
                + "' at batch " + baseBatch + ", got none");
        int upTo = baseBatch;
        for (int i = 0; i < v.rowCount(); i++) {
            int b = v.intColumn("batch").get(i);
            if (b <= baseBatch) {
                continue;
            }
            if (!(v.doubleColumn("val_loss").get(i) <= base * (1 + tol))) {
                break;
            }
            upTo = b;
        }
        return upTo;
    }

    private TrainingResult train(String variant, int batch, double lr) {
        Optimizer opt = optimizerFor.apply(lr);
        Trainer t = Trainer.of(model, opt).config(config().batchSize(batch)).validation(validation).listener(listener);
        if (variant.equals(WARMUP) && lr > baseLr) {
            t.scheduler(Schedulers.linearLR(opt, baseLr / lr, 1.0, warmupEpochs * stepsPerEpoch(batch)), Trainer.Every.BATCH);
        }
        if (listener != null) {
            listener.onStage(String.format("%s · batch %d · lr %.3g", variant, batch, lr));
        }
        return t.fit();
    }
}
