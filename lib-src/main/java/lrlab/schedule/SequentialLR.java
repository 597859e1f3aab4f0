package lrlab.schedule;

import java.util.List;
import lrlab.optim.Optimizer;
import lrlab.util.Check;

/**
 * Runs schedulers one after another: scheduler i drives the lr from milestone i−1 on, and is
 * restarted there through its closed form at t = 0 (so the lr jumps back to its base lr at the
 * milestone). As in torch, the children are built first on the same optimizer; this constructor
 * undoes their construction steps and re-applies only the first one's.
 */
public final class SequentialLR implements Scheduler {

    private final Optimizer optimizer;
    private final LrScheduler[] schedulers;
    private final int[] milestones;
    private int lastEpoch;
    private double[] lastLrs;

    /**
     * @param schedulers the children, in order, all attached to {@code optimizer}
     * @param milestones the steps where the next child takes over (strictly increasing, one fewer than children)
     * @param optimizer the optimizer
     */
    public SequentialLR(Optimizer optimizer, List<? extends LrScheduler> schedulers, int... milestones) {
        this.optimizer = LrScheduler.checkOptimizer(optimizer);
        Check.that(schedulers != null && !schedulers.isEmpty(), () -> "schedulers must list at least one scheduler, got none");
        Check.that(milestones != null && milestones.length == schedulers.size() - 1, () -> "milestones must have one entry fewer than schedulers ("
                + (schedulers.size() - 1) + "), got " + (milestones == null ? 0 : milestones.length));
        for (int i = 0; i < milestones.length; i++) {
            Check.that(milestones[i] > 0 && (i == 0 || milestones[i] > milestones[i - 1]),
                    () -> "milestones must be > 0 and strictly increasing, got " + java.util.Arrays.toString(milestones));
        }
        for (int i = 0; i < schedulers.size(); i++) {
            int k = i;
            LrScheduler s = schedulers.get(i);
            Check.that(s != null && s.optimizer() == optimizer, () -> "schedulers[" + k + "] must be attached to the same optimizer");
        }
        this.schedulers = schedulers.toArray(new LrScheduler[0]);
        this.milestones = milestones.clone();
        double[] initial = InitialLrs.getOrRecord(optimizer);
        for (int g = 0; g < initial.length; g++) {
            optimizer.setLr(g, initial[g]);
        }
        for (LrScheduler s : this.schedulers) {
            s.lastEpoch -= 1;
        }
        this.schedulers[0].step();
        this.lastEpoch = 0;
        this.lastLrs = this.schedulers[0].lastLrs();
    }

    @Override
    public void step() {
        lastEpoch++;
        int idx = 0;
        while (idx < milestones.length && milestones[idx] <= lastEpoch) {
            idx++;
        }
        LrScheduler s = schedulers[idx];
        if (idx > 0 && milestones[idx - 1] == lastEpoch) {
            s.stepTo(0);
        } else {
            s.step();
        }
        lastLrs = s.lastLrs();
    }

    @Override
    public boolean cyclesMomentum() {
        for (LrScheduler s : schedulers) {
            if (s.cyclesMomentum()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double[] lastLrs() {
        return lastLrs.clone();
    }

    @Override
    public int lastEpoch() {
        return lastEpoch;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The configuration, e.g. for printing in a notebook. */
    @Override
    public String toString() {
        return "SequentialLR(" + java.util.Arrays.toString(schedulers) + ", milestones=" + java.util.Arrays.toString(milestones) + ")";
    }
}
