package lrlab.train;

/**
 * Progress callbacks of a {@link Trainer} run, so a notebook can show an updating display (the library
 * itself never prints). All methods default to doing nothing; override what you need.
 */
public interface TrainingListener {

    /** Before the first step: planned epochs and steps per epoch. */
    default void onStart(int epochs, int stepsPerEpoch) {
    }

    /** After each optimizer step (1-based global step), with the batch loss and the rate it used. */
    default void onStep(long step, double loss, double lr) {
    }

    /** After each completed epoch, with that epoch's row of the history. */
    default void onEpoch(EpochStats stats) {
    }

    /** At the end (also after an early stop on a non-finite loss). */
    default void onEnd(TrainingResult result) {
    }
}
