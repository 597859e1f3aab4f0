package lrlab.schedule;

import lrlab.optim.Optimizer;

/**
 * A parameter-free stand-in optimizer for drawing a schedule: it only holds one lr and one
 * momentum per group; {@link #step} changes nothing.
 */
final class CurveOptimizer implements Optimizer {

    private final double[] lrs;
    private final double[] momenta;

    CurveOptimizer(double lr, double momentum) {
        this.lrs = new double[] {lr};
        this.momenta = new double[] {momentum};
    }

    @Override
    public void step(double[] params, double[] gradient) {
    }

    @Override
    public int groupCount() {
        return 1;
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
        return true;
    }

    @Override
    public double momentum(int group) {
        return momenta[group];
    }

    @Override
    public void setMomentum(int group, double momentum) {
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
