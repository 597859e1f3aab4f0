package lrlab.tune;

/**
 * What a tuner minimises: the loss reached with learning rate {@code lr} after spending {@code budget}
 * units of work (steps, epochs...). Larger budgets should give more reliable losses; successive halving
 * relies on that. A non-finite loss counts as worse than any finite one.
 */
@FunctionalInterface
public interface RateObjective {

    /** The loss after {@code budget} units at rate {@code lr}. */
    double loss(double lr, int budget);
}
