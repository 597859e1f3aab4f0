package lrlab.tune;

/**
 * One evaluation of a {@link RateObjective}.
 *
 * @param trial 1-based trial number in evaluation order
 * @param lr the rate tried
 * @param budget the budget spent on it
 * @param loss the loss reached (may be NaN or ∞ for a diverged run)
 */
public record Trial(int trial, double lr, int budget, double loss) {

    /** @return the loss used for ranking: non-finite counts as +∞ */
    public double rankLoss() {
        return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
    }
}
