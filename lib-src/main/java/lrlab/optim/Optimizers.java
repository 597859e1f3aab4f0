package lrlab.optim;

/**
 * Entry point for building optimizers in a notebook cell, torch.optim style:
 * <pre>
 *   Optimizer opt = Optimizers.sgd(0.1).momentum(0.9).nesterov(true).build();
 *   Optimizer adam = Optimizers.adam(1e-3).betas(0.9, 0.999).build();
 *   Optimizer two = Optimizers.sgd(0.1).group(0, 2, 0.1).group(2, 4, 0.01).build();
 * </pre>
 * Each factory returns a builder whose {@code config()} is an immutable, printable record and whose
 * {@code build()} gives a fresh optimizer with its own state.
 */
public final class Optimizers {

    private Optimizers() {
    }

    /**
     * SGD: x ← x − lr·d, with optional momentum, dampening, Nesterov and weight decay.
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return a builder: SGD: x ← x − lr·d, with optional momentum, dampening, Nesterov and weight decay
     */
    public static Sgd.Builder sgd(double lr) {
        return new Sgd.Builder(lr);
    }

    /**
     * Adagrad: x ← x − clr·g / (√Σg² + ε).
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return a builder: Adagrad: x ← x − clr·g / (√Σg² + ε)
     */
    public static Adagrad.Builder adagrad(double lr) {
        return new Adagrad.Builder(lr);
    }

    /** @return a builder: Adagrad with torch's default lr 0.01 */
    public static Adagrad.Builder adagrad() {
        return adagrad(1e-2);
    }

    /**
     * RMSprop: x ← x − lr·g / (√v + ε), v the running average of g².
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return a builder: RMSprop: x ← x − lr·g / (√v + ε), v the running average of g²
     */
    public static RmsProp.Builder rmsprop(double lr) {
        return new RmsProp.Builder(lr);
    }

    /** @return a builder: RMSprop with torch's default lr 0.01 */
    public static RmsProp.Builder rmsprop() {
        return rmsprop(1e-2);
    }

    /**
     * Adam with L2 weight decay (default 0): x ← x − lr·m̂ / (√v̂ + ε).
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return a builder: Adam with L2 weight decay (default 0): x ← x − lr·m̂ / (√v̂ + ε)
     */
    public static Adam.Builder adam(double lr) {
        return new Adam.Builder(lr, false);
    }

    /** @return a builder: Adam with torch's default lr 1e-3 */
    public static Adam.Builder adam() {
        return adam(1e-3);
    }

    /**
     * AdamW: decoupled weight decay x ← x·(1 − lr·wd) (default wd 0.01), then the Adam step.
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @return a builder: AdamW: decoupled weight decay x ← x·(1 − lr·wd) (default wd 0.01), then the Adam step
     */
    public static Adam.Builder adamw(double lr) {
        return new Adam.Builder(lr, true);
    }

    /** @return a builder: AdamW with torch's default lr 1e-3 */
    public static Adam.Builder adamw() {
        return adamw(1e-3);
    }
}
