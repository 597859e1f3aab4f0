package lrlab.oracle;

import lrlab.optim.Optimizer;

/**
 * A recording stub standing in for a torch optimizer in the scheduler oracle loop: it holds only
 * the param-group hyperparameters a scheduler reads and writes (lr, and SGD momentum or Adam's β1).
 * In that loop the parameter has no gradient, so torch's {@code opt.step()} changes nothing, and
 * {@link #step} here changes nothing either.
 */
public final class ParamGroupsOnly implements Optimizer {

    private final String torchClass;
    private final double[] lrs;
    private final double[] momenta;
    private final boolean hasMomentum;
    private long steps;

    /** One group; {@code hasMomentum} as torch's "momentum" or "betas" in the optimizer's defaults. */
    public ParamGroupsOnly(String torchClass, double lr, boolean hasMomentum, double momentum) {
        this.torchClass = torchClass;
        this.lrs = new double[] {lr};
        this.momenta = new double[] {momentum};
        this.hasMomentum = hasMomentum;
    }

    /** The torch class it stands for, e.g. {@code torch.optim.SGD}. */
    public String torchClass() {
        return torchClass;
    }

    @Override
    public void step(double[] params, double[] gradient) {
        steps++;
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
            throw new IllegalStateException(torchClass + " has no momentum or beta1");
        }
        return momenta[group];
    }

    @Override
    public void setMomentum(int group, double momentum) {
        if (!hasMomentum) {
            throw new IllegalStateException(torchClass + " has no momentum or beta1");
        }
        momenta[group] = momentum;
    }

    @Override
    public long stepCount() {
        return steps;
    }

    @Override
    public void reset() {
        steps = 0;
    }
}
