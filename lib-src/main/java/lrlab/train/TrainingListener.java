package lrlab.train;

/**
 * The one progress interface of the library: the {@link Trainer}, the learning-rate finder and the tuners
 * call it, so a notebook can show an updating display (the library itself never prints), and every helper
 * that trains takes one. All methods default to doing nothing; override what you need.
 */
public interface TrainingListener {

    /**
     * Several listeners as one, told in the order given; nulls are skipped. A helper that measures
     * something at every step (its own listener) and shows progress (the caller's) passes both.
     *
     * @param listeners the listeners, any of them null
     * @return one listener forwarding every call to each
     */
    static TrainingListener combine(TrainingListener... listeners) {
        java.util.List<TrainingListener> all = new java.util.ArrayList<>();
        for (TrainingListener l : listeners) {
            if (l != null) {
                all.add(l);
            }
        }
        return new TrainingListener() {
            @Override
            public void onStage(String name) {
                all.forEach(l -> l.onStage(name));
            }

            @Override
            public void onStart(int epochs, int stepsPerEpoch) {
                all.forEach(l -> l.onStart(epochs, stepsPerEpoch));
            }

            @Override
            public void onStep(long step, double loss, double lr) {
                for (TrainingListener l : all) {
                    l.onStep(step, loss, lr);
                }
            }

            @Override
            public void onEpoch(EpochStats stats) {
                all.forEach(l -> l.onEpoch(stats));
            }

            @Override
            public void onEnd(long lastStep, boolean diverged) {
                all.forEach(l -> l.onEnd(lastStep, diverged));
            }

            @Override
            public void onTrial(int trial, double lr, int budget, double loss) {
                all.forEach(l -> l.onTrial(trial, lr, budget, loss));
            }
        };
    }

    /**
     * A helper names the run that follows, e.g. "Adam lr=0.001"; a display prefixes its lines with it.
     *
     * @param name what runs next
     */
    default void onStage(String name) {
    }

    /**
     * Before the first step of a run.
     *
     * @param epochs planned epochs
     * @param stepsPerEpoch optimizer steps per epoch
     */
    default void onStart(int epochs, int stepsPerEpoch) {
    }

    /**
     * After each optimizer step.
     *
     * @param step the 1-based step, counted over the whole run
     * @param loss the batch loss the step was computed from
     * @param lr the rate the step used
     */
    default void onStep(long step, double loss, double lr) {
    }

    /**
     * After each completed epoch of a {@link Trainer} run.
     *
     * @param stats that epoch's row of the history
     */
    default void onEpoch(EpochStats stats) {
    }

    /**
     * At the end of a run, also after an early stop.
     *
     * @param lastStep the step the run stopped on when it diverged (not taken), else the last step taken
     * @param diverged whether the run stopped on a diverged loss (a non-finite one; for the finder, its
     *        smoothed loss passing k × the best)
     */
    default void onEnd(long lastStep, boolean diverged) {
    }

    /**
     * After a tuner evaluated one rate (see {@code RateObjective.observed}).
     *
     * @param trial the 1-based trial number
     * @param lr the rate tried
     * @param budget the budget spent on it (epochs when training)
     * @param loss the loss reached (+∞ or NaN for a diverged run)
     */
    default void onTrial(int trial, double lr, int budget, double loss) {
    }
}
