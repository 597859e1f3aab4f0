package lrlab.schedule;

import java.util.List;
import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Steps several schedulers together on one optimizer; for the multiplicative (chainable) ones the
 * lr is base_lr times the product of their factors, e.g. ConstantLR(0.5, 4) × ExponentialLR(0.97)
 * gives base·0.5·0.97^t for t &lt; 4 and base·0.97^t after.
 */
public final class ChainedScheduler implements Scheduler {

    private final Optimizer optimizer;
    private final Scheduler[] schedulers;

    /** @param schedulers the children, already built on the same optimizer, stepped in this order */
    public ChainedScheduler(List<? extends Scheduler> schedulers) {
        Check.that(schedulers != null && !schedulers.isEmpty(), () -> "schedulers must list at least one scheduler, got none");
        this.schedulers = schedulers.toArray(new Scheduler[0]);
        this.optimizer = this.schedulers[0] == null ? null : this.schedulers[0].optimizer();
        for (int i = 0; i < this.schedulers.length; i++) {
            int k = i;
            Check.that(this.schedulers[k] != null && this.schedulers[k].optimizer() == optimizer,
                    () -> "schedulers[" + k + "] must be attached to the same optimizer");
        }
    }

    @Override
    public void step() {
        for (Scheduler s : schedulers) {
            s.step();
        }
    }

    @Override
    public double[] lastLrs() {
        return InitialLrs.currentLrs(optimizer);
    }

    @Override
    public int lastEpoch() {
        return schedulers[schedulers.length - 1].lastEpoch();
    }

    @Override
    public boolean cyclesMomentum() {
        for (Scheduler s : schedulers) {
            if (s.cyclesMomentum()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "ChainedScheduler(" + java.util.Arrays.toString(schedulers) + ")";
    }
}
