package lrlab.lesson;

import java.util.List;
import java.util.function.DoubleFunction;
import lrlab.analysis.Sharpness;
import lrlab.data.Dataset;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.schedule.Schedulers;
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
 * Scaling rules for the rate measured: for batch size B and a base rate η₀ tuned at batch B₀, train for the
 * same number of epochs with
 * <ul>
 *   <li>{@code fixed} — η = η₀ at every batch size;</li>
 *   <li>{@code linear} — η = η₀·B/B₀ (Goyal et al. 2017), which keeps the noise scale η/B the same;</li>
 *   <li>{@code square root} — η = η₀·√(B/B₀) (Hoffer et al. 2017; for Adam and RMSprop, Malladi et al. 2022);</li>
 *   <li>{@code linear + warmup} — η ramps linearly from η₀ to η₀·B/B₀ over the first {@code warmupEpochs}
 *       epochs (Goyal's gradual warmup; {@code LinearLR} stepped per batch), then stays there.</li>
 * </ul>
 * Steps per epoch = ⌈n/B⌉, so at a fixed number of epochs a large batch takes few, large steps. The run
 * settings are the shared ones ({@link RunSettings}): epochs and seed for every run, and the batch size is B₀.
 */
public final class BatchScaling extends RunSettings<BatchScaling> {

    /** η₀ at every batch size. */
    public static final String FIXED = "fixed";
    /** η₀·B/B₀, the linear scaling rule. */
    public static final String SCALED = "linear";
    /** η₀·√(B/B₀), the square-root rule. */
    public static final String SQRT = "square root";
    /** η₀·B/B₀ after a linear warmup from η₀. */
    public static final String WARMUP = "linear + warmup";
    private static final List<String> ALL = List.of(FIXED, SCALED, SQRT, WARMUP);

    private final Model model;
    private final Dataset validation;
    private double baseLr = 0.05;
    private int warmupEpochs = 2;
    private DoubleFunction<Optimizer> optimizerFor = lr -> Optimizers.sgd(lr).build();
    private TrainingListener listener;
    private List<String> variants = ALL;
    private boolean sharpness;

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
     * The variants to run, in table order (default all four: fixed, linear, square root, linear + warmup).
     *
     * @param variants some of {@link #FIXED}, {@link #SCALED}, {@link #SQRT}, {@link #WARMUP}
     * @return this
     */
    public BatchScaling variants(String... variants) {
        Check.that(variants != null && variants.length > 0, () -> "variants must not be empty: choose from " + ALL);
        for (String v : variants) {
            Check.oneOf("variant", v, ALL.toArray(new String[0]));
        }
        this.variants = List.of(variants);
        return this;
    }

    /**
     * Also measure each finished run's sharpness λ_max (the largest Hessian eigenvalue of the training loss,
     * {@link Sharpness}) into a column {@code sharpness} (default off: it costs about 24 full-batch gradients).
     *
     * @param measure whether to measure
     * @return this
     */
    public BatchScaling sharpnessAtEnd(boolean measure) {
        this.sharpness = measure;
        return this;
    }

    /**
     * The rate a variant uses at batch size B (for the warmup variant, the rate after warmup).
     *
     * @param variant one of the four variants
     * @param batch B ≥ 1
     * @return η at batch size B
     */
    public double rate(String variant, int batch) {
        Check.positive("batch", batch);
        double ratio = (double) batch / config().batchSize();
        switch (Check.oneOf("variant", variant, ALL.toArray(new String[0]))) {
            case FIXED: return baseLr;
            case SQRT: return baseLr * Math.sqrt(ratio);
            default: return baseLr * ratio;   // linear, and linear + warmup after its warmup
        }
    }

    /**
     * The noise each rule lets into training, per unit of distance travelled: η·E‖g_B − g‖² for the fixed,
     * linear and square-root rates, from a {@link lrlab.analysis.GradientNoise#table} (columns batch, measured).
     * Under the linear rule it is the same at every B, since E‖g_B − g‖² ∝ 1/B (up to the finite-sample factor).
     * Columns batch, noise, fixed, linear, square_root.
     *
     * @param noise a gradient-noise table (not modified)
     * @return one row per batch size of the noise table
     */
    public Table noiseScales(Table noise) {
        Table t = Table.create("noise scale η·E‖g_B − g‖²").addColumns(IntColumn.create("batch"),
                DoubleColumn.create("noise"), DoubleColumn.create("fixed"), DoubleColumn.create("linear"),
                DoubleColumn.create("square_root"));
        for (int i = 0; i < noise.rowCount(); i++) {
            int b = noise.intColumn("batch").get(i);
            double n = noise.doubleColumn("measured").get(i);
            t.intColumn("batch").append(b);
            t.doubleColumn("noise").append(n);
            t.doubleColumn("fixed").append(rate(FIXED, b) * n);
            t.doubleColumn("linear").append(rate(SCALED, b) * n);
            t.doubleColumn("square_root").append(rate(SQRT, b) * n);
        }
        return t;
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
        return config().batchSize(Check.atLeast("batch", batch, 1)).totalSteps(model.rows());
    }

    /**
     * @param batch B, ≥ 1
     * @return ⌈n/B⌉ optimizer steps per epoch on the model's training rows
     */
    public int stepsPerEpoch(int batch) {
        return config().batchSize(Check.atLeast("batch", batch, 1)).stepsPerEpoch(model.rows());
    }

    /**
     * Every chosen variant at every batch size: table run (the variant), batch, steps_per_epoch, total_steps, lr (the
     * rate after warmup), train_loss (the full training loss at the end), val_loss, gap = val_loss −
     * train_loss, val_accuracy, diverged, and sharpness when {@link #sharpnessAtEnd} is on. Losses are NaN
     * when a run diverged: it {@link TrainingResult#endedNonFinite() ended non-finite} or its full training loss
     * at the end is not finite (the table reports that loss and the gap, so it is checked too); there is no
     * loss-ratio threshold, because a scaling rule that ends high but finite is the result the table compares.
     *
     * @param batchSizes B values ≥ 1
     * @return one row per variant × batch size
     */
    public Table run(int... batchSizes) {
        Check.that(batchSizes != null && batchSizes.length > 0, () -> "batchSizes must not be empty");
        for (int b : batchSizes) {
            Check.atLeast("batch sizes", b, 1);
        }
        int epochs = config().epochs();
        Check.that(!variants.contains(WARMUP) || warmupEpochs < epochs, () -> "warmupEpochs must be < epochs " + epochs + ", got " + warmupEpochs);
        Table t = Table.create("scaling rules").addColumns(StringColumn.create("run"),
                IntColumn.create("batch"), IntColumn.create("steps_per_epoch"), IntColumn.create("total_steps"),
                DoubleColumn.create("lr"), DoubleColumn.create("train_loss"), DoubleColumn.create("val_loss"),
                DoubleColumn.create("gap"), DoubleColumn.create("val_accuracy"), BooleanColumn.create("diverged"));
        if (sharpness) {
            t.addColumns(DoubleColumn.create("sharpness"));
        }
        for (String variant : variants) {
            for (int b : batchSizes) {
                double lr = rate(variant, b);
                TrainingResult r = train(variant, b, lr);
                double train = r.diverged() ? Double.NaN : model.value(r.params());
                boolean div = r.endedNonFinite() || !Double.isFinite(train);
                t.stringColumn("run").append(variant);
                t.intColumn("batch").append(b);
                t.intColumn("steps_per_epoch").append(stepsPerEpoch(b));
                t.intColumn("total_steps").append(totalSteps(b));
                t.doubleColumn("lr").append(lr);
                t.doubleColumn("train_loss").append(div ? Double.NaN : train);
                t.doubleColumn("val_loss").append(div ? Double.NaN : r.finalValLoss());
                t.doubleColumn("gap").append(div ? Double.NaN : r.finalValLoss() - train);
                t.doubleColumn("val_accuracy").append(div ? Double.NaN : r.finalValAccuracy());
                t.booleanColumn("diverged").append(div);
                if (sharpness) {
                    t.doubleColumn("sharpness").append(div ? Double.NaN
                            : Sharpness.of(model).steps(12).largest(r.params()));
                }
            }
        }
        return t;
    }

    /**
     * The largest batch size up to which {@code variant} keeps its validation loss within a factor
     * (1 + tol) of the loss at {@code baseBatch} (every batch from the base up to it must pass; a diverged
     * run fails).
     *
     * @param runs a {@link #run} table
     * @param variant the variant to read
     * @param baseBatch B₀, a batch size of the table
     * @param tol the relative tolerance, finite and ≥ 0
     * @return the largest batch size that holds, the base batch when even the next one fails
     */
    public static int holdsUpTo(Table runs, String variant, int baseBatch, double tol) {
        Check.nonNegative("tol", tol);
        Table v = RunTables.rowsOf(runs, variant).sortAscendingOn("batch");
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
