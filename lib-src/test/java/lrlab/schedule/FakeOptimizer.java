package lrlab.schedule;

import lrlab.optim.Optimizer;
import lrlab.optim.ParamGroups;

/** Test-only optimizer: holds lr and momentum (initially 0) per group, accepts any value, step changes nothing. */
final class FakeOptimizer implements Optimizer {

    private final boolean hasMomentum;
    private final ParamGroups groups;
    private long steps;

    FakeOptimizer(double... lrs) {
        this(true, lrs);
    }

    FakeOptimizer(boolean hasMomentum, double... lrs) {
        this.hasMomentum = hasMomentum;
        this.groups = ParamGroups.of(0.0, lrs);
    }

    static FakeOptimizer withoutMomentum(double lr) {
        return new FakeOptimizer(false, lr);
    }

    @Override public void step(double[] params, double[] gradient) { steps++; }
    @Override public int groupCount() { return groups.groupCount(); }
    @Override public double lr(int group) { return groups.lr(group); }
    @Override public void setLr(int group, double lr) { groups.setLr(group, lr); }
    @Override public boolean hasMomentum() { return hasMomentum; }

    @Override
    public double momentum(int group) {
        if (!hasMomentum) {
            throw new IllegalStateException("FakeOptimizer has no momentum or beta1 to read or set");
        }
        return groups.momentum(group);
    }

    @Override
    public void setMomentum(int group, double momentum) {
        if (!hasMomentum) {
            throw new IllegalStateException("FakeOptimizer has no momentum or beta1 to read or set");
        }
        groups.setMomentum(group, momentum);
    }

    @Override public long stepCount() { return steps; }
    @Override public void reset() { steps = 0; }
}
