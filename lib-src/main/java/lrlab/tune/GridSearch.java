package lrlab.tune;

import java.util.ArrayList;
import java.util.List;
import lrlab.analysis.RateSweep;
import lrlab.util.Check;

/** Grid search (the course text's first method): every rate of a fixed list, each with the same budget. */
public final class GridSearch implements Tuner {

    private final double[] rates;
    private final int budget;

    private GridSearch(double[] rates, int budget) {
        this.rates = rates;
        this.budget = budget;
    }

    /**
     * The given rates (each finite and &gt; 0), budget 1 until {@link #budget(int)}.
     *
     * @param rates the learning rates, each finite and &gt; 0
     * @return a new grid search over {@code rates}
     */
    public static GridSearch of(double... rates) {
        Check.nonEmpty("rates", rates);
        for (double r : rates) {
            Check.positive("every rate", r);
        }
        return new GridSearch(rates.clone(), 1);
    }

    /**
     * {@code count} rates evenly spaced in log scale from lo to hi inclusive ({@link RateSweep#logspace}).
     *
     * @param lo the smallest rate, finite and &gt; 0
     * @param hi the largest rate, finite and &gt; lo
     * @param count the number of rates, ≥ 2
     * @return the search, budget 1 until {@link #budget(int)}
     */
    public static GridSearch logspace(double lo, double hi, int count) {
        Tuner.checkRange(lo, hi);
        Check.atLeast("count", count, 2);
        return new GridSearch(RateSweep.logspace(lo, hi, count), 1);
    }

    /**
     * Budget of every trial, ≥ 1.
     *
     * @param budget the budget of every trial, ≥ 1
     * @return a copy with that budget
     */
    public GridSearch budget(int budget) {
        Tuner.checkBudget("budget", budget);
        return new GridSearch(rates, budget);
    }

    @Override
    public TuningResult run(RateObjective objective) {
        List<Trial> trials = new ArrayList<>();
        for (double r : rates) {
            trials.add(new Trial(trials.size() + 1, r, budget, objective.loss(r, budget)));
        }
        return new TuningResult("grid", trials);
    }
}
