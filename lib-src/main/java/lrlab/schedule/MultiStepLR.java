package lrlab.schedule;

import java.util.Arrays;
import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Decays the lr by γ at each milestone: lr_t = base_lr · γ^(number of milestones ≤ t). A milestone
 * listed k times applies γ^k at once, as in torch.
 */
public final class MultiStepLR extends LrScheduler {

    private final int[] milestones;
    private final double gamma;

    /**
     * The scheduler attached to {@code optimizer}, applying t = 0 at once.
     *
     * @param optimizer the optimizer whose rate it drives
     * @param milestones steps where γ applies (sorted here
     * repeats count)
     * @param gamma factor (&gt; 0)
     */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        Check.that(milestones != null && milestones.length != 0, () -> "milestones must list at least one step, got none");
        this.milestones = milestones.clone();
        Arrays.sort(this.milestones);
        Check.that(this.milestones[0] >= 0, () -> "milestones must be >= 0, got " + this.milestones[0]);
        this.gamma = Check.positive("gamma", gamma);
        initialStep();
    }

    private int countAt(int t) {
        int n = 0;
        for (int m : milestones) {
            if (m == t) {
                n++;
            }
        }
        return n;
    }

    @Override
    protected double chainableLr(int group, double currentLr) {
        int repeats = countAt(lastEpoch);
        return repeats == 0 ? currentLr : currentLr * Math.pow(gamma, repeats);
    }

    @Override
    protected double closedForm(int group, int t) {
        int passed = 0;
        for (int m : milestones) {
            if (m <= t) {
                passed++;
            }
        }
        return baseLrs[group] * Math.pow(gamma, passed);
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "MultiStepLR(milestones=" + java.util.Arrays.toString(milestones) + ", gamma=" + gamma + ")";
    }
}
