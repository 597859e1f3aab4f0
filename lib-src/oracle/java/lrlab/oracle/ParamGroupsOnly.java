package lrlab.oracle;

import lrlab.optim.Optimizer;
import lrlab.optim.ParamGroups;

/**
 * A recording stub standing in for a torch optimizer in the scheduler oracle loop: it holds only
 * the param-group hyperparameters a scheduler reads and writes (lr, and SGD momentum or Adam's β1),
 * in a {@link ParamGroups}, and accepts any value as torch does. In that loop the parameter has no
 * gradient, so torch's {@code opt.step()} changes nothing, and {@link #step} here only counts the step.
 */
public final class ParamGroupsOnly implements Optimizer {

    private final String torchClass;
    private final boolean hasMomentum;
    private final ParamGroups groups;
    private long steps;

    /** One group; {@code hasMomentum} as torch's "momentum" or "betas" in the optimizer's defaults. */
    public ParamGroupsOnly(String torchClass, double lr, boolean hasMomentum, double momentum) {
        this.torchClass = torchClass;
        this.hasMomentum = hasMomentum;
        this.groups = new ParamGroups(new double[] {lr}, new double[] {momentum});
    }

    /** The torch class it stands for, e.g. {@code torch.optim.SGD}. */
    public String torchClass() {
        return torchClass;
    }

    /** Counts the step; changes no parameter. */
    @Override
    public void step(double[] params, double[] gradient) {
        steps++;
    }

    @Override
    public int groupCount() {
        return groups.groupCount();
    }

    @Override
    public double lr(int group) {
        return groups.lr(group);
    }

    @Override
    public void setLr(int group, double lr) {
        groups.setLr(group, lr);
    }

    @Override
    public boolean hasMomentum() {
        return hasMomentum;
    }

    @Override
    public double momentum(int group) {
        requireMomentum();
        return groups.momentum(group);
    }

    @Override
    public void setMomentum(int group, double momentum) {
        requireMomentum();
        groups.setMomentum(group, momentum);
    }

    private void requireMomentum() {
        if (!hasMomentum) {
            throw new IllegalStateException(torchClass + " has no momentum or beta1 to read or set");
        }
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
