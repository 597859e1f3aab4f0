package lrlab.oracle;

import lrlab.optim.ParamGroups;

/**
 * A recording stub standing in for a torch optimizer in the scheduler oracle loop: it holds only
 * the param-group hyperparameters a scheduler reads and writes (lr, and SGD momentum or Adam's β1).
 * In that loop the parameter has no gradient, so torch's {@code opt.step()} changes nothing, and
 * {@link #step} here only counts the step.
 */
public final class ParamGroupsOnly extends ParamGroups {

    private final String torchClass;

    /** One group; {@code hasMomentum} as torch's "momentum" or "betas" in the optimizer's defaults. */
    public ParamGroupsOnly(String torchClass, double lr, boolean hasMomentum, double momentum) {
        super(torchClass, hasMomentum, new double[] {lr}, new double[] {momentum});
        this.torchClass = torchClass;
    }

    /** The torch class it stands for, e.g. {@code torch.optim.SGD}. */
    public String torchClass() {
        return torchClass;
    }
}
