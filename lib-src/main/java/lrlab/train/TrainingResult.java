package lrlab.train;

import tech.tablesaw.api.Table;

/**
 * The outcome of {@link Trainer#fit}: the trained parameters, the per-epoch history table
 * (epoch, lr, train_loss, val_loss, val_accuracy), the optional per-step table (step, epoch, lr, loss),
 * and whether the run stopped on a non-finite loss.
 *
 * @param params the final parameters (the array passed to fit, trained in place)
 * @param history one row per completed epoch
 * @param steps one row per step when step recording was on, else an empty table with the same columns
 * @param diverged true if a batch loss was NaN or ±∞; training stopped before stepping on it
 * @param divergedStep 1-based global step whose loss was non-finite, or −1
 * @param epochsCompleted number of full epochs run
 */
public record TrainingResult(double[] params, Table history, Table steps, boolean diverged, long divergedStep,
                             int epochsCompleted) {

    /**
     * The usual factor of {@link #divergedAbove}: a run whose validation loss ends more than ten times above
     * its loss at initialisation learned nothing useful, even if every number stayed finite.
     */
    public static final double DIVERGENCE_FACTOR = 10;

    /**
     * Whether the run blew up: it stopped on a non-finite batch loss ({@link #diverged()}) or its final
     * validation loss is not finite (NaN also when there was no validation data).
     *
     * @return true if the run or its final validation loss is not finite
     */
    public boolean endedNonFinite() {
        return diverged || !Double.isFinite(finalValLoss());
    }

    /**
     * The library's divergence rule for a finished run with validation data: it {@link #endedNonFinite()}, or
     * its final validation loss ends above {@code factor} × {@code initialLoss}.
     *
     * @param factor the multiple of the initial loss that counts as diverged, e.g. {@link #DIVERGENCE_FACTOR}
     * @param initialLoss the validation loss at initialisation
     * @return true if the run diverged by this rule
     */
    public boolean divergedAbove(double factor, double initialLoss) {
        return endedNonFinite() || finalValLoss() > factor * initialLoss;
    }

    /**
     * The result as a table, like every result of the library: the per-epoch {@link #history()}.
     *
     * @return one row per completed epoch: epoch, lr, train_loss, val_loss, val_accuracy
     */
    public Table table() {
        return history;
    }

    /**
     * The history named for stacking several runs into one long table (the library's grouping column, as a
     * trajectory's table has it).
     *
     * @param run the run's name, on every row
     * @return a copy of the history with a first column {@code run}
     */
    public Table table(String run) {
        String[] name = new String[history.rowCount()];
        java.util.Arrays.fill(name, lrlab.util.Check.notNull("run", run));
        Table t = history.copy();
        t.insertColumn(0, tech.tablesaw.api.StringColumn.create("run", name));
        return t.setName(run);
    }

    /** @return the last completed epoch's validation loss (NaN if none) */
    public double finalValLoss() {
        return history.rowCount() == 0 ? Double.NaN : history.doubleColumn("val_loss").getDouble(history.rowCount() - 1);
    }

    /** @return the last completed epoch's training loss (NaN if none) */
    public double finalTrainLoss() {
        return history.rowCount() == 0 ? Double.NaN : history.doubleColumn("train_loss").getDouble(history.rowCount() - 1);
    }

    /** @return the last completed epoch's validation accuracy (NaN if none) */
    public double finalValAccuracy() {
        return history.rowCount() == 0 ? Double.NaN : history.doubleColumn("val_accuracy").getDouble(history.rowCount() - 1);
    }
}
