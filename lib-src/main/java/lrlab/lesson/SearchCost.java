package lrlab.lesson;

import lrlab.find.LrFinderResult;
import lrlab.util.Check;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a way of choosing the rate cost: optimizer steps (one mini-batch gradient each), epochs (training rows
 * seen / rows in the training set) and the wall-clock seconds measured in the notebook.
 *
 * <pre>{@code
 * table(SearchCost.table(SearchCost.finder(found, finderSeconds),
 *         SearchCost.grid("grid, 6 rates × 8 epochs", 6, 8, 45, gridSeconds)));
 * }</pre>
 *
 * @param run what was run, the table's grouping column {@code run}
 * @param steps optimizer steps (gradient evaluations)
 * @param epochs passes over the training rows
 * @param seconds wall-clock time
 */
public record SearchCost(String run, long steps, double epochs, double seconds) {

    /**
     * Validates the fields.
     *
     * @param run the run's name, not blank
     * @param steps the number of steps
     * @param epochs the number of epochs, ≥ 1
     * @param seconds the wall-clock seconds
     */
    public SearchCost {
        Check.nonBlank("run", run);
        Check.nonNegative("steps", (double) steps);
        Check.nonNegative("epochs", epochs);
        Check.nonNegative("seconds", seconds);
    }

    /**
     * The finder's cost: its iterations and the epochs they add up to ({@link LrFinderResult#epochs()}).
     *
     * @param result the finder's result
     * @param seconds the time the run took
     * @return the finder's cost, named by its iterations and batch size
     */
    public static SearchCost finder(LrFinderResult result, double seconds) {
        Check.notNull("result", result);
        return new SearchCost("LR finder, " + result.iterations() + " iterations of " + result.batchSize(),
                result.iterations(), result.epochs(), seconds);
    }

    /**
     * A grid's cost: {@code runs} trainings of {@code epochsPerRun} epochs of {@code stepsPerEpoch} steps each.
     *
     * @param run the grid's name
     * @param runs number of rates tried
     * @param epochsPerRun epochs of each run
     * @param stepsPerEpoch ⌈n/B⌉
     * @param seconds the time the grid took
     * @return the grid's cost
     */
    public static SearchCost grid(String run, int runs, int epochsPerRun, int stepsPerEpoch, double seconds) {
        Check.positive("runs", runs);
        Check.positive("epochsPerRun", epochsPerRun);
        Check.positive("stepsPerEpoch", stepsPerEpoch);
        return new SearchCost(run, (long) runs * epochsPerRun * stepsPerEpoch, (double) runs * epochsPerRun, seconds);
    }

    /**
     * This cost as a one-row {@link #table(SearchCost...)}.
     *
     * @return one row: run, optimizer_steps, epochs, seconds, epochs_vs_first (1)
     */
    public Table table() {
        return table(this);
    }

    /**
     * One row per cost: run, optimizer_steps, epochs, seconds, and epochs_vs_first = epochs / the first
     * row's epochs.
     *
     * @param costs at least one
     * @return one row per cost: run, optimizer_steps, epochs, seconds, and epochs_vs_first = epochs / the first row's epochs
     */
    public static Table table(SearchCost... costs) {
        Check.that(costs != null && costs.length != 0, () -> "costs must not be empty");
        Table t = Table.create("what each search cost").addColumns(StringColumn.create("run"),
                LongColumn.create("optimizer_steps"), DoubleColumn.create("epochs"), DoubleColumn.create("seconds"),
                DoubleColumn.create("epochs_vs_first"));
        for (SearchCost c : costs) {
            Check.notNull("cost", c);
            t.stringColumn("run").append(c.run());
            t.longColumn("optimizer_steps").append(c.steps());
            t.doubleColumn("epochs").append(c.epochs());
            t.doubleColumn("seconds").append(c.seconds());
            t.doubleColumn("epochs_vs_first").append(c.epochs() / costs[0].epochs());
        }
        return t;
    }
}
