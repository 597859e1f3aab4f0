package lrlab.optim;

/**
 * A first-order optimizer with torch.optim semantics: {@code step} updates parameters in place from
 * a gradient, keeping its own state (momentum buffers, moment estimates) between calls.
 *
 * <p>Parameters may be split into groups (contiguous index ranges), each with its own learning rate,
 * as torch's param_groups. Schedulers read and write the learning rate, and the momentum (SGD
 * momentum, RMSprop momentum or Adam's β1) where they cycle it, between steps.
 */
public interface Optimizer {

    /**
     * One update θ ← θ − (the optimizer's step computed from g), in place.
     *
     * @param params θ (modified)
     * @param gradient g = ∇L(θ) (not modified; weight decay is added internally)
     */
    void step(double[] params, double[] gradient);

    /** @return number of parameter groups (1 unless groups were configured) */
    int groupCount();

    /**
     * The learning rate the next step of group {@code group} will use.
     *
     * @param group the parameter group, 0 ≤ group &lt; {@code groupCount()}
     * @return the learning rate the next step of group {@code group} will use
     */
    double lr(int group);

    /**
     * Sets the learning rate of one group; must be finite and ≥ 0 (a schedule may reach 0).
     *
     * @param group the parameter group, 0 ≤ group &lt; {@code groupCount()}
     * @param lr the learning rate, finite and ≥ 0
     */
    void setLr(int group, double lr);

    /** @return whether the optimizer has a momentum-like hyperparameter a scheduler may cycle */
    boolean hasMomentum();

    /**
     * SGD/RMSprop momentum or Adam's β1 of a group; throws if {@link #hasMomentum()} is false.
     *
     * @param group the parameter group, 0 ≤ group &lt; {@code groupCount()}
     * @return SGD/RMSprop momentum or Adam's β1 of a group; throws if {@link #hasMomentum()} is false
     */
    double momentum(int group);

    /**
     * Sets SGD/RMSprop momentum or Adam's β1 of a group; throws if {@link #hasMomentum()} is false.
     *
     * @param group the parameter group, 0 ≤ group &lt; {@code groupCount()}
     * @param momentum the momentum (or β1) to set
     */
    void setMomentum(int group, double momentum);

    /** @return number of steps taken since construction or the last {@link #reset()} */
    long stepCount();

    /** Forgets all per-run state (buffers, moments, step count); hyperparameters stay. */
    void reset();

    /** @return the learning rate of group 0 */
    default double lr() {
        return lr(0);
    }

    /**
     * Sets the learning rate of every group.
     *
     * @param lr the learning rate, finite and ≥ 0
     */
    default void setLr(double lr) {
        for (int g = 0; g < groupCount(); g++) {
            setLr(g, lr);
        }
    }
}
