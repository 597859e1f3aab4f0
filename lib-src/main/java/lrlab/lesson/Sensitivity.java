package lrlab.lesson;

import java.util.Map;
import java.util.function.DoubleFunction;
import lrlab.data.Dataset;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
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
 * A sensitivity curve: the final validation loss L(η) after a fixed number of epochs, for each rate η
 * of a (log-spaced) grid, with one optimizer on one problem. The <em>good range</em> is the contiguous
 * stretch of grid rates around the best whose loss is within a factor (1 + tol) of the best:
 * {η : L(η) ≤ (1 + tol)·min L}; its width in decades, log10(η_hi/η_lo), measures how forgiving the
 * optimizer is about the rate.
 *
 * <pre>{@code
 * var s = Sensitivity.on("digits MLP", model, split.validation()).epochs(10).batchSize(32);
 * Table t = s.sweep("SGD", lr -> Optimizers.sgd(lr).build(), RateSweep.logspace(1e-4, 1, 9));
 * Table ranges = Sensitivity.goodRanges(t, 0.1);
 * }</pre>
 */
public final class Sensitivity extends RunSettings<Sensitivity> {

    private final String problem;
    private final Model model;
    private final Dataset validation;
    private double divergeFactor = TrainingResult.DIVERGENCE_FACTOR;
    private TrainingListener listener;

    private Sensitivity(String problem, Model model, Dataset validation) {
        this.problem = problem;
        this.model = model;
        this.validation = validation;
    }

    /**
     * Sweeps of {@code model} (on its training data), scored on {@code validation}, with the shared run
     * defaults (10 epochs, batches of 32, seed 0) until told otherwise.
     *
     * @param problem the problem's name in the tables
     * @param model the model on its training rows
     * @param validation held-out rows
     * @return the sweep to configure
     */
    public static Sensitivity on(String problem, Model model, Dataset validation) {
        Check.notNull("problem", problem);
        Check.notNull("model", model);
        Check.notNull("validation", validation);
        return new Sensitivity(problem, model, validation);
    }

    @Override
    protected Sensitivity self() {
        return this;
    }

    /**
     * A run whose final validation loss exceeds {@code factor} × the validation loss at initialisation
     * counts as diverged, like a non-finite one ({@link TrainingResult#divergedAbove}; default
     * {@link TrainingResult#DIVERGENCE_FACTOR}, 10).
     *
     * @param factor finite and &gt; 1
     * @return this
     */
    public Sensitivity divergeFactor(double factor) {
        this.divergeFactor = Check.finiteGreaterThan("divergeFactor", factor, 1);
        return this;
    }

    /**
     * Reports each run's epochs (e.g. to a notebook's progress line), each run named as a stage.
     *
     * @param listener told about every run, or null for none
     * @return this
     */
    public Sensitivity progress(TrainingListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Trains once per rate with {@code optimizerFor.apply(lr)}.
     *
     * @param optimizer the optimizer's name in the table
     * @param optimizerFor a fresh optimizer for a rate
     * @param rates the rates, each finite and &gt; 0
     * @return one row per rate: run ("problem · optimizer"), problem, optimizer, lr, val_loss (NaN when the
     *         run diverged: non-finite, or above divergeFactor × the initial validation loss), diverged
     */
    public Table sweep(String optimizer, DoubleFunction<Optimizer> optimizerFor, double... rates) {
        Check.notNull("optimizer", optimizer);
        Check.notNull("optimizerFor", optimizerFor);
        Check.nonEmpty("rates", rates);
        for (double lr : rates) {
            Check.positive("rates", lr);
        }
        int n = rates.length;
        double start = model.on(validation).value(model.initialParams(config().seed()));
        double[] loss = new double[n];
        boolean[] diverged = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (listener != null) {
                listener.onStage(String.format("%s · %s lr=%.3g", problem, optimizer, rates[i]));
            }
            TrainingResult r = Trainer.of(model, optimizerFor.apply(rates[i])).config(config())
                    .validation(validation).listener(listener).fit();
            diverged[i] = r.divergedAbove(divergeFactor, start);
            loss[i] = diverged[i] ? Double.NaN : r.finalValLoss();
        }
        String run = problem + " · " + optimizer;
        Table t = Table.create(run).addColumns(
                StringColumn.create("run", n), StringColumn.create("problem", n), StringColumn.create("optimizer", n),
                DoubleColumn.create("lr", rates.clone()), DoubleColumn.create("val_loss", loss),
                BooleanColumn.create("diverged", n));
        for (int i = 0; i < n; i++) {
            t.stringColumn("run").set(i, run);
            t.stringColumn("problem").set(i, problem);
            t.stringColumn("optimizer").set(i, optimizer);
            t.booleanColumn("diverged").set(i, diverged[i]);
        }
        return t;
    }

    /**
     * {@link #sweep(String, DoubleFunction, double...)} for every optimizer of the map.
     *
     * @param optimizers name → factory, e.g. {@link OptimizerFamily#of}
     * @param rates the rates, each finite and &gt; 0
     * @return the sweeps stacked, in map order
     */
    public Table sweep(Map<String, DoubleFunction<Optimizer>> optimizers, double... rates) {
        Check.that(optimizers != null && !optimizers.isEmpty(), () -> "optimizers must name at least one optimizer, got none");
        Table all = null;
        for (Map.Entry<String, DoubleFunction<Optimizer>> e : optimizers.entrySet()) {
            Table t = sweep(e.getKey(), e.getValue(), rates);
            all = all == null ? t : all.append(t);
        }
        return all.setName(problem);
    }

    /**
     * One row per run of a sweep table (several runs may be stacked): run, problem, optimizer, best_lr, best_loss, good_from,
     * good_to, decades = log10(good_to/good_from), good = the contiguous grid rates around the best with
     * val_loss ≤ (1 + tol)·best_loss. Rows keep the order in which runs first appear.
     *
     * @param sweeps a sweep table
     * @param tol the tolerance, finite and &gt; 0
     * @return one row per run of a sweep table (several runs may be stacked): run, problem, optimizer, best_lr, best_loss, good_from, good_to, decades = log10(good_to/good_from), good = the contiguous grid rates around the best with val_loss ≤ (1 + tol)·best_loss
     */
    public static Table goodRanges(Table sweeps, double tol) {
        Check.nonNegative("tol", tol);
        java.util.Set<String> runs = RunTables.runNames(sweeps);
        Table out = Table.create("good ranges (loss within " + Math.round(tol * 100) + "% of the best)").addColumns(
                StringColumn.create("run"), StringColumn.create("problem"), StringColumn.create("optimizer"),
                DoubleColumn.create("best_lr"), DoubleColumn.create("best_loss"),
                DoubleColumn.create("good_from"), DoubleColumn.create("good_to"), DoubleColumn.create("decades"));
        for (String run : runs) {
            Table r = RunTables.rowsOf(sweeps, run).sortAscendingOn("lr");
            double[] lr = r.doubleColumn("lr").asDoubleArray();
            double[] loss = r.doubleColumn("val_loss").asDoubleArray();
            double[] range = goodRange(lr, loss, tol);
            out.stringColumn("run").append(run);
            out.stringColumn("problem").append(r.stringColumn("problem").get(0));
            out.stringColumn("optimizer").append(r.stringColumn("optimizer").get(0));
            out.doubleColumn("best_lr").append(range[0]);
            out.doubleColumn("best_loss").append(range[1]);
            out.doubleColumn("good_from").append(range[2]);
            out.doubleColumn("good_to").append(range[3]);
            out.doubleColumn("decades").append(Math.log10(range[3] / range[2]));
        }
        return out;
    }

    /**
     * Like {@link #goodRanges(Table, double)} but with one absolute bar for every run: good = val_loss ≤
     * {@code threshold} (contiguous around each run's best); a run that never gets below it has NaN range
     * and 0 decades. Use it to compare optimizers fairly: "within 25% of its own best" is wide for a run
     * that learned nothing.
     *
     * @param sweeps a sweep table
     * @param threshold the validation loss a good rate must reach, finite and &gt; 0
     * @return like {@link #goodRanges(Table, double)} but with one absolute bar for every run: good = val_loss ≤ {@code threshold} (contiguous around each run's best); a run that never gets below it has NaN range and 0 decades
     */
    public static Table rangesBelow(Table sweeps, double threshold) {
        Check.positive("threshold", threshold);
        java.util.Set<String> runs = RunTables.runNames(sweeps);
        Table out = Table.create("rates with validation loss <= " + threshold).addColumns(StringColumn.create("run"),
                StringColumn.create("problem"), StringColumn.create("optimizer"), DoubleColumn.create("best_lr"), DoubleColumn.create("best_loss"), DoubleColumn.create("good_from"),
                DoubleColumn.create("good_to"), DoubleColumn.create("decades"));
        for (String run : runs) {
            Table r = RunTables.rowsOf(sweeps, run).sortAscendingOn("lr");
            double[] lr = r.doubleColumn("lr").asDoubleArray();
            double[] loss = r.doubleColumn("val_loss").asDoubleArray();
            double[] range = goodRange(lr, loss, 0);
            boolean any = range[1] <= threshold;
            double[] wide = any ? goodRange(lr, loss, threshold / range[1] - 1) : range;
            out.stringColumn("run").append(run);
            out.stringColumn("problem").append(r.stringColumn("problem").get(0));
            out.stringColumn("optimizer").append(r.stringColumn("optimizer").get(0));
            out.doubleColumn("best_lr").append(range[0]);
            out.doubleColumn("best_loss").append(range[1]);
            out.doubleColumn("good_from").append(any ? wide[2] : Double.NaN);
            out.doubleColumn("good_to").append(any ? wide[3] : Double.NaN);
            out.doubleColumn("decades").append(any ? Math.log10(wide[3] / wide[2]) : 0);
        }
        return out;
    }

    /**
     * The value in {@code column} of the one row of {@code ranges} (a {@link #goodRanges} or
     * {@link #rangesBelow} table) whose problem and optimizer columns match, e.g.
     * {@code value(bands, "raw", "SGD", "decades")}. Throws IllegalArgumentException when no row matches.
     *
     * @param ranges a ranges table
     * @param problem the problem's name
     * @param optimizer the optimizer's name
     * @param column the column to read, e.g. "decades"
     * @return the value in {@code column} of the one row of {@code ranges} (a {@link #goodRanges} or {@link #rangesBelow} table) whose problem and optimizer columns match, e.g. {@code value(bands, "raw", "SGD", "decades")}
     */
    public static double value(Table ranges, String problem, String optimizer, String column) {
        int row = -1;
        for (int i = 0; i < ranges.rowCount() && row < 0; i++) {
            if (ranges.stringColumn("problem").get(i).equals(problem)
                    && ranges.stringColumn("optimizer").get(i).equals(optimizer)) {
                row = i;
            }
        }
        Check.that(row >= 0, () -> "ranges must have a row with problem '" + problem + "' and optimizer '" + optimizer
                + "', got none");
        return ranges.doubleColumn(column).get(row);
    }

    /**
     * {best_lr, best_loss, good_from, good_to} of one curve (rates ascending; NaN losses = diverged,
     * never good). Throws IllegalArgumentException when every run diverged.
     *
     * @param rates the learning rates, each finite and &gt; 0
     * @param losses the losses ℓ_0 … ℓ_{n−1}
     * @param tol the tolerance, finite and &gt; 0
     * @return {best_lr, best_loss, good_from, good_to} of one curve (rates ascending; NaN losses = diverged, never good)
     */
    public static double[] goodRange(double[] rates, double[] losses, double tol) {
        Check.that(rates.length == losses.length && rates.length != 0, () -> "rates and losses must have the same non-zero length, got "
                + rates.length + " and " + losses.length);
        int best = -1;
        for (int i = 0; i < losses.length; i++) {
            if (Double.isFinite(losses[i]) && (best < 0 || losses[i] < losses[best])) {
                best = i;
            }
        }
        Check.that(best >= 0, () -> "every run diverged: no good range");
        double limit = losses[best] * (1 + tol);
        int lo = best;
        int hi = best;
        while (lo > 0 && losses[lo - 1] <= limit) {
            lo--;
        }
        while (hi < losses.length - 1 && losses[hi + 1] <= limit) {
            hi++;
        }
        return new double[] {rates[best], losses[best], rates[lo], rates[hi]};
    }
}
