package lrlab.schedule;

import lrlab.optim.Optimizer;

/**
 * A learning-rate scheduler with torch.optim.lr_scheduler semantics: it is attached to an
 * {@link Optimizer}, its construction already applies the schedule at t = 0, and each
 * {@link #step()} advances t by one and writes the new lr (and, for OneCycleLR/CyclicLR, the
 * momentum or Adam β1) into the optimizer.
 *
 * <p>The standard loop: {@code opt.step(params, grad); sched.step();} — {@link #lastLr()} before
 * {@code opt.step} is the lr that step uses (torch's {@code get_last_lr()}). {@code Trainer.scheduler(s)}
 * does this for you, after every epoch or every batch.
 *
 * <p>{@link ReduceLROnPlateau} steps on a metric, torch's {@code scheduler.step(val_loss)}: every scheduler
 * takes {@link #step(double)}, and all but the plateau one ignore the metric, so a trainer drives them all
 * through the same call.
 */
public interface Scheduler {

    /** Advances the schedule by one step (torch's chainable {@code scheduler.step()}). */
    void step();

    /**
     * Advances the schedule by one step, given the metric of the epoch (or batch) just finished: torch's
     * {@code scheduler.step(metrics)}. Only {@link ReduceLROnPlateau} reads it; the others call {@link #step()}.
     *
     * @param metric e.g. the validation loss
     */
    default void step(double metric) {
        step();
    }

    /** @return the lr this scheduler last wrote for group 0 (torch's {@code get_last_lr()[0]}) */
    default double lastLr() {
        return lastLrs()[0];
    }

    /** @return the lr this scheduler last wrote, one per parameter group (a copy) */
    double[] lastLrs();

    /** @return t, the number of {@link #step()} calls since construction (0 right after construction) */
    int lastEpoch();

    /** @return the optimizer whose learning rate this scheduler drives */
    Optimizer optimizer();

    /** @return whether this scheduler also writes the momentum (or Adam's β1) of the optimizer */
    default boolean cyclesMomentum() {
        return false;
    }
}
