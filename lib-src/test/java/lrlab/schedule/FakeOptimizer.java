package lrlab.schedule;

import lrlab.optim.Optimizer;

/** Test-only optimizer: holds lr and momentum per group, step does nothing. */
final class FakeOptimizer implements Optimizer {

    private final double[] lrs;
    private final double[] momenta;
    private final boolean hasMomentum;

    FakeOptimizer(double... lrs) {
        this(true, lrs);
    }

    FakeOptimizer(boolean hasMomentum, double... lrs) {
        this.lrs = lrs.clone();
        this.momenta = new double[lrs.length];
        this.hasMomentum = hasMomentum;
    }

    static FakeOptimizer withoutMomentum(double lr) {
        return new FakeOptimizer(false, lr);
    }

    @Override
    public void step(double[] params, double[] gradient) {
    }

    @Override
    public int groupCount() {
        return lrs.length;
    }

    @Override
    public double lr(int group) {
        return lrs[group];
    }

    @Override
    public void setLr(int group, double lr) {
        lrs[group] = lr;
    }

    @Override
    public boolean hasMomentum() {
        return hasMomentum;
    }

    @Override
    public double momentum(int group) {
        if (!hasMomentum) {
            throw new IllegalStateException("no momentum");
        }
        return momenta[group];
    }

    @Override
    public void setMomentum(int group, double momentum) {
        if (!hasMomentum) {
            throw new IllegalStateException("no momentum");
        }
        momenta[group] = momentum;
    }

    @Override
    public long stepCount() {
        return 0;
    }

    @Override
    public void reset() {
    }
}
