package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Decays the lr by γ every {@code stepSize} steps: lr_t = base_lr · γ^⌊t / stepSize⌋.
 * Chainable rule: multiply the current lr by γ when t is a positive multiple of stepSize.
 */
public final class StepLR extends LrScheduler {

    private final int stepSize;
    private final double gamma;

    /**
     * The scheduler attached to {@code optimizer}, applying t = 0 at once.
     *
     * @param optimizer the optimizer whose rate it drives
     * @param stepSize period in steps (&gt; 0)
     * @param gamma decay factor (&gt; 0)
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        this.stepSize = Check.positive("stepSize", stepSize);
        this.gamma = Check.positive("gamma", gamma);
        initialStep();
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) {
            return currentLr;
        }
        return currentLr * gamma;
    }

    @Override
    protected double closedForm(int group, int t) {
        return baseLrs[group] * Math.pow(gamma, t / stepSize);
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "StepLR(stepSize=" + stepSize + ", gamma=" + gamma + ")";
    }
}
