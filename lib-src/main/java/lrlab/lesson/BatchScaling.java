package lrlab.lesson;

import java.util.List;
import java.util.function.DoubleFunction;
import lrlab.analysis.Sharpness;
import lrlab.data.Dataset;
import lrlab.model.Model;
import lrlab.display.TrainingProgress;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.schedule.LinearLR;
import lrlab.schedule.Schedulers;
import lrlab.train.Trainer;
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
 * Steps per epoch = ⌈n/B⌉, so at a fixed number of epochs a large batch takes few, large steps.
 */
public final class BatchScaling {

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
    private int baseBatch = 32;
    private int epochs = 10;
    private int warmupEpochs = 2;
    private long seed = 0;
    private DoubleFunction<Optimizer> optimizerFor = lr -> Optimizers.sgd(lr).build();
    private TrainingProgress progress;
    private List<String> variants = ALL;
    private boolean sharpness;

    private BatchScaling(Model model, Dataset validation) {
        this.model = model;
        this.validation = validation;
    }

    /** Runs of {@code model} on its training data, scored on {@code validation}. */
    public static BatchScaling on(Model model, Dataset validation) {
        if (model == null || validation == null) {
            throw new IllegalArgumentException("model and validation must not be null");
        }
        return new BatchScaling(model, validation);
    }

    /** η₀ and the batch size B₀ it belongs to (defaults 0.05 at 32). */
    public BatchScaling base(double lr, int batch) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be finite and > 0, got " + lr);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        this.baseLr = lr;
        this.baseBatch = batch;
        return this;
    }

    /** Epochs per run (default 10). */
    public BatchScaling epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Warmup length in epochs for the warmup variant (default 2; must be < epochs at run time). */
    public BatchScaling warmupEpochs(int warmupEpochs) {
        if (warmupEpochs < 1) {
            throw new IllegalArgumentException("warmupEpochs must be >= 1, got " + warmupEpochs);
        }
        this.warmupEpochs = warmupEpochs;
        return this;
    }

    /** Seed of initialisation and shuffling (default 0). */
    public BatchScaling seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The optimizer for a rate (default plain SGD). */
    public BatchScaling optimizer(DoubleFunction<Optimizer> optimizerFor) {
        if (optimizerFor == null) {
            throw new IllegalArgumentException("optimizerFor must not be null");
        }
        this.optimizerFor = optimizerFor;
        return this;
    }

    /** Shows each run's epochs on an updating line. */
    public BatchScaling progress(TrainingProgress progress) {
        this.progress = progress;
        return this;
    }

    /**
     * The variants to run, in table order (default all four: fixed, linear, square root, linear + warmup).
     *
     * @param variants some of {@link #FIXED}, {@link #SCALED}, {@link #SQRT}, {@link #WARMUP}
     */
    public BatchScaling variants(String... variants) {
        if (variants == null || variants.length == 0) {
            throw new IllegalArgumentException("variants must not be empty: choose from " + ALL);
        }
        for (String v : variants) {
            if (!ALL.contains(v)) {
                throw new IllegalArgumentException("variant must be one of " + ALL + ", got '" + v + "'");
            }
        }
        this.variants = List.of(variants);
        return this;
    }

    /**
     * Also measure each finished run's sharpness λ_max (the largest Hessian eigenvalue of the training loss,
     * {@link Sharpness}) into a column {@code sharpness} (default off: it costs about 24 full-batch gradients).
     *
     * @param measure whether to measure
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
     */
    public double rate(String variant, int batch) {
        Check.positive("batch", batch);
        double ratio = (double) batch / baseBatch;
        switch (variant == null ? "" : variant) {
            case FIXED: return baseLr;
            case SCALED:
            case WARMUP: return baseLr * ratio;
            case SQRT: return baseLr * Math.sqrt(ratio);
            default: throw new IllegalArgumentException("variant must be one of " + ALL + ", got '" + variant + "'");
        }
    }

    /**
     * The noise each rule lets into training, per unit of distance travelled: η·E‖g_B − g‖² for the fixed,
     * linear and square-root rates, from a {@link lrlab.analysis.GradientNoise#table} (columns batch, measured).
     * Under the linear rule it is the same at every B, since E‖g_B − g‖² ∝ 1/B (up to the finite-sample factor).
     * Columns batch, noise, fixed, linear, square_root.
     *
     * @param noise a gradient-noise table (not modified)
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

    /** The linear scaling rule's rate at batch size B: η_B = η₀·B/B₀. */
    public double scaledLr(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        return baseLr * batch / baseBatch;
    }

    /** Optimizer steps of a whole run at batch size B: epochs·⌈n/B⌉. */
    public int totalSteps(int batch) {
        return epochs * stepsPerEpoch(batch);
    }

    /** ⌈n/B⌉ optimizer steps per epoch on the model's training rows. */
    public int stepsPerEpoch(int batch) {
        return (model.data().rows() + batch - 1) / batch;
    }

    /**
     * Every chosen variant at every batch size: table run (the variant), batch, steps_per_epoch, total_steps, lr (the
     * rate after warmup), train_loss (the full training loss at the end), val_loss, gap = val_loss −
     * train_loss, val_accuracy, diverged, and sharpness when {@link #sharpnessAtEnd} is on. Losses are NaN
     * when a run diverged.
     *
     * @param batchSizes B values ≥ 1
     */
    public Table run(int... batchSizes) {
        if (batchSizes == null || batchSizes.length == 0) {
            throw new IllegalArgumentException("batchSizes must not be empty");
        }
        if (variants.contains(WARMUP) && warmupEpochs >= epochs) {
            throw new IllegalArgumentException("warmupEpochs must be < epochs " + epochs + ", got " + warmupEpochs);
        }
        Table t = Table.create("scaling rules").addColumns(StringColumn.create("run"),
                IntColumn.create("batch"), IntColumn.create("steps_per_epoch"), IntColumn.create("total_steps"),
                DoubleColumn.create("lr"), DoubleColumn.create("train_loss"), DoubleColumn.create("val_loss"),
                DoubleColumn.create("gap"), DoubleColumn.create("val_accuracy"), BooleanColumn.create("diverged"));
        if (sharpness) {
            t.addColumns(DoubleColumn.create("sharpness"));
        }
        for (String variant : variants) {
            for (int b : batchSizes) {
                if (b < 1) {
                    throw new IllegalArgumentException("batch sizes must be >= 1, got " + b);
                }
                double lr = rate(variant, b);
                TrainingResult r = train(variant, b, lr);
                double train = r.diverged() ? Double.NaN : model.value(r.params());
                boolean div = r.diverged() || !Double.isFinite(r.finalValLoss()) || !Double.isFinite(train);
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
     * run fails). Returns the base batch when even the next one fails.
     */
    public static int holdsUpTo(Table runs, String variant, int baseBatch, double tol) {
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("tol must be finite and >= 0, got " + tol);
        }
        Table v = runs.where(runs.stringColumn("run").isEqualTo(variant)).sortAscendingOn("batch");
        double base = Double.NaN;
        for (int i = 0; i < v.rowCount(); i++) {
            if (v.intColumn("batch").get(i) == baseBatch) {
                base = v.doubleColumn("val_loss").get(i);
            }
        }
        if (!Double.isFinite(base)) {
            throw new IllegalArgumentException("no finite run of variant '" + variant + "' at batch " + baseBatch);
        }
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
        Trainer t = Trainer.of(model, opt).validation(validation).batchSize(batch).epochs(epochs).seed(seed);
        if (variant.equals(WARMUP) && lr > baseLr) {
            LinearLR warm = Schedulers.linearLR(opt, baseLr / lr, 1.0, warmupEpochs * stepsPerEpoch(batch));
            t.afterStep(s -> warm.step());
        }
        if (progress != null) {
            progress.stage(String.format("%s · batch %d · lr %.3g", variant, batch, lr));
            t.listener(progress);
        }
        return t.fit();
    }
}
