package lrlab.tune;

/** A learning-rate search: evaluates a {@link RateObjective} at chosen rates and budgets. */
public interface Tuner {

    /** Runs the search, recording every trial. */
    TuningResult run(RateObjective objective);

    /** Checks a log-scale search range: 0 &lt; lo &lt; hi, both finite. */
    static void checkRange(double lo, double hi) {
        if (!(lo > 0 && Double.isFinite(lo))) {
            throw new IllegalArgumentException("lo must be finite and > 0, got " + lo);
        }
        if (!(hi > lo && Double.isFinite(hi))) {
            throw new IllegalArgumentException("hi must be finite and > lo = " + lo + ", got " + hi);
        }
    }

    /** Checks a budget ≥ 1. */
    static void checkBudget(String name, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + budget);
        }
    }
}
