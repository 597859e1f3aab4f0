package lrlab.optim;

import java.util.List;

/**
 * An immutable, validated, printable optimizer configuration (the records {@link Sgd.Config},
 * {@link Adagrad.Config}, {@link RmsProp.Config}, {@link Adam.Config}): the default learning rate,
 * the parameter groups, and factories for fresh optimizers, each with its own state.
 *
 * @param <O> the optimizer it builds
 */
public interface OptimizerConfig<O extends Optimizer> {

    /** @return the default learning rate (of every group not given its own), finite and &gt; 0 */
    double lr();

    /** @return the parameter groups (empty: one group over the whole parameter vector) */
    List<ParamGroup> groups();

    /**
     * A fresh optimizer for {@code dimension} parameters (state allocated now; a negative value: on the first step).
     *
     * @param dimension the number of parameters
     * @return a fresh optimizer for {@code dimension} parameters (state allocated now; a negative value: on the first step)
     */
    O build(int dimension);

    /** @return a fresh optimizer with this configuration (state allocated on the first step) */
    default O build() {
        return build(-1);
    }
}
