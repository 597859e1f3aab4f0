package lrlab.lesson;

import lrlab.data.Dataset;
import lrlab.find.LrFinder;
import lrlab.find.LrFinderResult;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.schedule.LrCurve;
import lrlab.schedule.OneCycleLR;
import lrlab.train.RunSettings;
import lrlab.train.Trainer;
import lrlab.train.TrainingListener;
import lrlab.train.TrainingResult;
import lrlab.util.Check;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * fastai's recipe from the finder to one cycle, on SGD with momentum (Smith 2018, "A disciplined approach to
 * neural network hyper-parameters"; Smith and Topin 2019, "Super-convergence"):
 * <ol>
 *   <li>run the learning-rate finder with the optimizer you will train with ({@link #finder()});</li>
 *   <li>take the maximum rate a bit before the finder's minimum (fastai: the minimum divided by 10);</li>
 *   <li>train one cycle ({@link #oneCycle}): the rate rises from max/25 to max over the first 25% of the
 *       steps and anneals (cosine) to max/10⁵, while momentum moves the opposite way, 0.95 → 0.85 → 0.95
 *       (fastai's {@code fit_one_cycle} defaults: pct_start 0.25, div 25, div_final 10⁵, moms (0.95, 0.85, 0.95)).</li>
 * </ol>
 * Every run starts from the same initial parameters and sees the same batches; the constant-rate runs use
 * SGD with momentum {@link #momentum(double)} (default 0.9, the middle of the cycle).
 *
 * <pre>{@code
 * var recipe = OneCycleRecipe.on(mlp, digits.validation()).epochs(5);
 * double maxLr = recipe.finder().minimumOverTen();
 * Table runs = recipe.compare(maxLr, maxLr, 0.03);      // one cycle, then constant rates
 * }</pre>
 * The run settings are the shared ones ({@link RunSettings}) with this lesson's 5 epochs.
 */
public final class OneCycleRecipe extends RunSettings<OneCycleRecipe> {

    /** fastai's pct_start: the share of the steps spent warming up. */
    public static final double PCT_START = 0.25;
    /** fastai's div: the first rate is max/25. */
    public static final double DIV = 25;
    /** fastai's div_final: the last rate is max/10⁵ (torch's final_div_factor = 10⁵/25). */
    public static final double DIV_FINAL = 1e5;

    private final Model model;
    private final Dataset validation;
    private double momentum = 0.9;
    private TrainingListener progress;

    private OneCycleRecipe(Model model, Dataset validation) {
        this.model = model;
        this.validation = validation;
        epochs(5);
    }

    @Override
    protected OneCycleRecipe self() {
        return this;
    }

    /**
     * The recipe for {@code model} (trained on its data), scored on {@code validation}.
     *
     * @param model the model
     * @param validation validation rows
     * @return the recipe
     */
    public static OneCycleRecipe on(Model model, Dataset validation) {
        return new OneCycleRecipe(Check.notNull("model", model), Check.notNull("validation", validation));
    }

    /**
     * SGD momentum of the finder and of the constant-rate runs (default 0.9).
     *
     * @param momentum in [0, 1)
     * @return this
     */
    public OneCycleRecipe momentum(double momentum) {
        this.momentum = Check.unitHalfOpen("momentum", momentum);
        return this;
    }

    /**
     * Reports each run's epochs (e.g. to a notebook's progress line), each run named as a stage.
     *
     * @param progress told about every run (null for none)
     * @return this
     */
    public OneCycleRecipe progress(TrainingListener progress) {
        this.progress = progress;
        return this;
    }

    /** @return optimizer steps per epoch, ⌈n/B⌉ */
    public int stepsPerEpoch() {
        return config().stepsPerEpoch(model.rows());
    }

    /** @return optimizer steps of a whole run: epochs · ⌈n/B⌉ */
    public int totalSteps() {
        return config().totalSteps(model.rows());
    }

    /** @return step 1: the finder (rates 10⁻⁵ … 10, 100 iterations) with SGD at this recipe's momentum and batch size */
    public LrFinderResult finder() {
        LrFinder f = LrFinder.of(model, sgd(1e-3)).range(1e-5, 10).iterations(100).batchSize(config().batchSize())
                .listener(progress);
        if (progress != null) {
            progress.onStage("LR finder, momentum " + momentum);
        }
        return f.run(model.initialParams(config().seed()));
    }

    /**
     * Step 3's schedule on {@code optimizer} (which must have momentum): fastai's one cycle to {@code maxLr}
     * over {@link #totalSteps()} steps.
     *
     * @param optimizer SGD with momentum (its rate and momentum are overwritten)
     * @param maxLr the peak rate
     * @return the scheduler, attached
     */
    public OneCycleLR oneCycle(Optimizer optimizer, double maxLr) {
        Check.positive("maxLr", maxLr);
        return OneCycleLR.builder(maxLr, totalSteps()).pctStart(PCT_START).divFactor(DIV)
                .finalDivFactor(DIV_FINAL / DIV).baseMomentum(0.85).maxMomentum(0.95).build(optimizer);
    }

    /**
     * The one-cycle curve to {@code maxLr} without training: run ("one cycle"), step, lr, momentum and
     * effective_step = lr/(1 − momentum), the size a step of SGD with momentum settles to when the gradient
     * stays the same.
     *
     * @param maxLr the peak rate
     * @return one row per step
     */
    public Table schedule(double maxLr) {
        Check.positive("maxLr", maxLr);
        Table t = LrCurve.named("one cycle", maxLr, totalSteps(), opt -> oneCycle(opt, maxLr));
        DoubleColumn effective = DoubleColumn.create("effective_step");
        for (int i = 0; i < t.rowCount(); i++) {
            effective.append(t.doubleColumn("lr").get(i) / (1 - t.doubleColumn("momentum").get(i)));
        }
        return t.addColumns(effective).setName(String.format("one cycle to %.3g", maxLr));
    }

    /**
     * One cycle to {@code maxLr}, then one constant-rate run per {@code constantRates}, all on the same
     * budget: a long table run, epoch, lr (at the start of the epoch), train_loss, val_loss, val_accuracy.
     *
     * @param maxLr the one cycle's peak rate
     * @param constantRates rates of the constant-rate runs (SGD with this recipe's momentum)
     * @return the histories stacked
     */
    public Table compare(double maxLr, double... constantRates) {
        Check.positive("maxLr", maxLr);
        Table all = train(maxLr, true).table(String.format("one cycle to %.3g", maxLr));
        for (double lr : constantRates) {
            Check.positive("constant rate", lr);
            all.append(train(lr, false).table(String.format("constant %.3g", lr)));
        }
        return all.setName("one cycle against constant rates");
    }

    /**
     * The last epoch of every run of a {@link #compare} table: run, val_loss, val_accuracy, best_val_loss (the
     * lowest over the epochs).
     *
     * @param runs a compare table (not modified)
     * @return one row per run
     */
    public static Table summary(Table runs) {
        Table out = Table.create("after the last epoch").addColumns(StringColumn.create("run"),
                DoubleColumn.create("val_loss"), DoubleColumn.create("val_accuracy"), DoubleColumn.create("best_val_loss"));
        for (String run : RunTables.runNames(runs)) {
            Table r = RunTables.rowsOf(runs, run);
            int last = r.rowCount() - 1;
            out.stringColumn("run").append(run);
            out.doubleColumn("val_loss").append(r.doubleColumn("val_loss").get(last));
            out.doubleColumn("val_accuracy").append(r.doubleColumn("val_accuracy").get(last));
            out.doubleColumn("best_val_loss").append(r.doubleColumn("val_loss").min());
        }
        return out;
    }

    /**
     * Both policies at every rate (the one cycle's peak, or the constant rate): run ("one cycle" or "constant"), lr, val_loss,
     * val_accuracy, diverged. A run diverges by the library's rule ({@link TrainingResult#divergedAbove}): its
     * loss is not finite or ends above {@link TrainingResult#DIVERGENCE_FACTOR} (10) × the validation loss at
     * initialisation; its losses are then NaN.
     *
     * @param rates rates &gt; 0
     * @return one row per policy × rate
     */
    public Table sweep(double... rates) {
        Check.nonEmpty("rates", rates);
        double start = model.on(validation).value(model.initialParams(config().seed()));
        Table t = Table.create("one cycle and constant rates").addColumns(StringColumn.create("run"),
                DoubleColumn.create("lr"), DoubleColumn.create("val_loss"), DoubleColumn.create("val_accuracy"),
                BooleanColumn.create("diverged"));
        for (boolean cycle : new boolean[] {true, false}) {
            for (double lr : rates) {
                Check.positive("rate", lr);
                TrainingResult r = train(lr, cycle);
                boolean div = r.divergedAbove(TrainingResult.DIVERGENCE_FACTOR, start);
                t.stringColumn("run").append(cycle ? "one cycle" : "constant");
                t.doubleColumn("lr").append(lr);
                t.doubleColumn("val_loss").append(div ? Double.NaN : r.finalValLoss());
                t.doubleColumn("val_accuracy").append(div ? Double.NaN : r.finalValAccuracy());
                t.booleanColumn("diverged").append(div);
            }
        }
        return t;
    }

    private Optimizer sgd(double lr) {
        return Optimizers.sgd(lr).momentum(momentum).build();
    }

    private TrainingResult train(double lr, boolean cycle) {
        Optimizer opt = sgd(lr);
        Trainer t = Trainer.of(model, opt).config(config()).validation(validation).listener(progress);
        if (cycle) {
            t.scheduler(oneCycle(opt, lr), Trainer.Every.BATCH);
        }
        if (progress != null) {
            progress.onStage(String.format("%s %.3g", cycle ? "one cycle to" : "constant", lr));
        }
        return t.fit();
    }
}
