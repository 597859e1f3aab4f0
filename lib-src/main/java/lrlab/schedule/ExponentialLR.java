package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/** Decays the lr by γ every step: lr_t = base_lr · γ^t. Chainable rule: lr ← lr · γ for t > 0. */
public final class ExponentialLR extends LrScheduler {

    private final double gamma;

    /**
     * @param gamma decay factor per step (> 0)
     * @param optimizer the optimizer
     */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = Check.positive("gamma", gamma);
        initialStep();
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        return lastEpoch == 0 ? currentLr : currentLr * gamma;
    }

    @Override
    protected double closedForm(int group, int t) {
        return baseLrs[group] * Math.pow(gamma, t);
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "ExponentialLR(gamma=" + gamma + ")";
    }
}
