package lrlab.tune;

import lrlab.util.Check;

/** A learning-rate search: evaluates a {@link RateObjective} at chosen rates and budgets. */
public interface Tuner {

    /** Runs the search, recording every trial. */
    TuningResult run(RateObjective objective);

    /** Checks a log-scale search range: 0 &lt; lo &lt; hi, both finite. */
    static void checkRange(double lo, double hi) {
        Check.positiveRange("lo", lo, "hi", hi);
    }

    /** Checks a budget ≥ 1. */
    static void checkBudget(String name, int budget) {
        Check.atLeast(name, budget, 1);
    }
}
