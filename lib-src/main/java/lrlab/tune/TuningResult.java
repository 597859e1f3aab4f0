package lrlab.tune;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every trial of a tuner run and the best one. The best is the lowest loss among the trials at the
 * largest budget that was spent (for grid, random and TPE all trials share one budget; for successive
 * halving that is the last rung).
 */
public final class TuningResult {

    private final String method;
    private final List<Trial> trials;

    TuningResult(String method, List<Trial> trials) {
        if (trials.isEmpty()) {
            throw new IllegalStateException(method + " ran no trials");
        }
        this.method = method;
        this.trials = List.copyOf(trials);
    }

    /** @return name of the tuner ("grid", "random", "successive halving", "tpe") */
    public String method() {
        return method;
    }

    /** @return all trials in evaluation order */
    public List<Trial> trials() {
        return trials;
    }

    /** @return the best trial (see class comment) */
    public Trial best() {
        int maxBudget = trials.stream().mapToInt(Trial::budget).max().orElseThrow();
        Trial best = null;
        for (Trial t : trials) {
            if (t.budget() == maxBudget && (best == null || t.rankLoss() < best.rankLoss())) {
                best = t;
            }
        }
        return best;
    }

    /** @return the best trial's rate */
    public double bestLr() {
        return best().lr();
    }

    /** @return sum of the budgets of all trials: the work the tuner spent */
    public long totalBudget() {
        long s = 0;
        for (Trial t : trials) {
            s += t.budget();
        }
        return s;
    }

    /**
     * The trials as a table (trial, lr, budget, loss), plus {@code spent} (cumulative budget),
     * {@code best_so_far} (running minimum of the loss, non-finite counted as +∞; for "best loss reached vs
     * budget spent" charts) and {@code run}, the tuner's {@link #method()} (for stacking several tuners' tables).
     *
     * @return the trials as a table (trial, lr, budget, loss), plus {@code spent} (cumulative budget), {@code best_so_far} (running minimum of the loss, non-finite counted as +∞; for "best loss reached vs budget spent" charts) and {@code run}, the tuner's {@link #method()} (for stacking several tuners' tables)
     */
    public Table table() {
        int n = trials.size();
        int[] id = new int[n];
        double[] lr = new double[n];
        int[] budget = new int[n];
        double[] loss = new double[n];
        String[] m = new String[n];
        long[] spent = new long[n];
        double[] bestSoFar = new double[n];
        long total = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            Trial t = trials.get(i);
            total += t.budget();
            best = Math.min(best, t.rankLoss());
            spent[i] = total;
            bestSoFar[i] = best;
            id[i] = t.trial();
            lr[i] = t.lr();
            budget[i] = t.budget();
            loss[i] = t.loss();
            m[i] = method;
        }
        return Table.create(method).addColumns(
                IntColumn.create("trial", id),
                DoubleColumn.create("lr", lr),
                IntColumn.create("budget", budget),
                DoubleColumn.create("loss", loss),
                LongColumn.create("spent", spent),
                DoubleColumn.create("best_so_far", bestSoFar),
                StringColumn.create("run", m));
    }
}
