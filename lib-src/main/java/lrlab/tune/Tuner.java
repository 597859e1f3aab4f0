package lrlab.tune;

import lrlab.util.Check;

/** A learning-rate search: evaluates a {@link RateObjective} at chosen rates and budgets. */
public interface Tuner {

    /**
     * Runs the search, recording every trial.
     *
     * @param objective the loss
     * @return runs the search, recording every trial
     */
    TuningResult run(RateObjective objective);

    /**
     * Checks a log-scale search range: 0 &lt; lo &lt; hi, both finite.
     *
     * @param lo the smallest rate, finite and &gt; 0
     * @param hi the largest rate, finite and &gt; lo
     */
    static void checkRange(double lo, double hi) {
        Check.positiveRange("lo", lo, "hi", hi);
    }

    /**
     * Checks a budget ≥ 1.
     *
     * @param name the budget's name in the message
     * @param budget the budget of every trial, ≥ 1
     */
    static void checkBudget(String name, int budget) {
        Check.atLeast(name, budget, 1);
    }
}
