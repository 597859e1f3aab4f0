package lrlab.analysis;

/**
 * The verdict on a recorded run, read from its loss history (and its parameter history, when
 * there is one). See {@link RunClassifier} for the exact rules.
 */
public enum RunClass {
    /** The loss went down and has levelled off: the last steps changed it by a negligible share of the total drop. */
    CONVERGED(1.0),
    /** Converged while the updates flipped direction at most steps: the learning rate overshoots, but not too much. */
    ZIG_ZAG(1.0),
    /** Neither converged nor diverged, with updates flipping direction or the loss swinging: the learning rate is at the edge. */
    OSCILLATING(0.5),
    /** A non-finite loss or parameter, a parameter past the bound, or a loss that grows over the run. */
    DIVERGING(0.1),
    /** The loss goes down (or not at all) but is still falling at the end: too slow. */
    STALLED(2.0);

    private final double defaultLrFactor;

    RunClass(double defaultLrFactor) {
        this.defaultLrFactor = defaultLrFactor;
    }

    /**
     * The factor to multiply the learning rate by when nothing better is known (÷10 diverged, ½ oscillating, ×2 stalled, 1 fine).
     *
     * @return the factor to multiply the learning rate by when nothing better is known (÷10 diverged, ½ oscillating, ×2 stalled, 1 fine)
     */
    public double defaultLrFactor() {
        return defaultLrFactor;
    }

    /** @return true for {@link #CONVERGED} and {@link #ZIG_ZAG} */
    public boolean converged() {
        return this == CONVERGED || this == ZIG_ZAG;
    }
}
