package lrlab.display;

import java.util.function.Consumer;
import lrlab.train.EpochStats;
import lrlab.train.TrainingListener;
import lrlab.util.Check;

/**
 * One updating notebook line fed by training, tuning and the learning-rate finder: the library's
 * {@link TrainingListener}, so a {@code Trainer}, an {@code LrFinder}, {@code RateObjective.observed(...)}
 * and every lesson helper that trains take it. Updates come at most every 100 ms. Each line starts with
 * the current stage, e.g. {@code "SGD lr=0.01 · epoch 3/10 · train 0.412 · val 0.455"}. Nothing is printed:
 * lines go to a {@link Progress} display (or to any line sink in tests).
 */
public final class TrainingProgress implements TrainingListener {

    private final Consumer<String> sink;
    private String stage = "";
    private int epochs;
    private long plannedSteps;
    private int runs;
    private String last = "";
    private long lastShown;
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private TrainingProgress(Consumer<String> sink) {
        this.sink = sink;
    }

    /**
     * Shows a new updating line in the notebook.
     *
     * @param firstLine the line shown until the first update
     * @return the progress display, to pass as a listener
     */
    public static TrainingProgress show(String firstLine) {
        Progress p = Show.progress(firstLine);
        return new TrainingProgress(p::update);
    }

    /**
     * Sends the lines to {@code sink} (tests, or a custom display).
     *
     * @param sink receives every line shown
     * @return the progress display
     */
    public static TrainingProgress to(Consumer<String> sink) {
        return new TrainingProgress(Check.notNull("sink", sink));
    }

    /**
     * Names what runs next; it prefixes every following line.
     *
     * @param name e.g. "Adam lr=0.001"
     * @return this, to pass on as the listener
     */
    public TrainingProgress stage(String name) {
        stage = name == null ? "" : name;
        emit(stage);
        return this;
    }

    /**
     * Ends with a closing line.
     *
     * @param line e.g. "done: 32 runs"
     */
    public void done(String line) {
        emit(line);
    }

    /** @return the runs (trainings, finder tests) started since creation */
    public int runs() {
        return runs;
    }

    /** @return the last line shown, or the last epoch or trial line when a newer one was throttled */
    public String lastLine() {
        return last;
    }

    @Override
    public void onStage(String name) {
        stage(name);
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch) {
        this.epochs = epochs;
        this.plannedSteps = (long) epochs * stepsPerEpoch;
        runs++;
    }

    /** A step line, formatted only when it will be shown (a run may take thousands of steps). */
    @Override
    public void onStep(long step, double loss, double lr) {
        if (System.nanoTime() - lastShown >= MIN_INTERVAL_NANOS) {
            emit(String.format("%s · step %d/%d · lr %.3g · loss %.4g", stage, step, plannedSteps, lr, loss));
        }
    }

    @Override
    public void onEpoch(EpochStats s) {
        String val = Double.isNaN(s.valLoss()) ? "" : String.format(" · val %.4g", s.valLoss());
        emitThrottled(String.format("%s · epoch %d/%d · train %.4g%s", stage, s.epoch(), epochs, s.trainLoss(), val));
    }

    @Override
    public void onEnd(long lastStep, boolean diverged) {
        if (diverged) {
            emit(stage + " · diverged at step " + lastStep);
        }
    }

    @Override
    public void onTrial(int trial, double lr, int budget, double loss) {
        emitThrottled(String.format("%s · trial %d · lr %.3g · budget %d · loss %.4g", stage, trial, lr, budget, loss));
    }

    /** Shows {@code line} now (stage changes, the closing line). */
    private void emit(String line) {
        last = line.startsWith(" · ") ? line.substring(3) : line;
        lastShown = System.nanoTime();
        sink.accept(last);
    }

    /** Shows {@code line} unless a line was shown less than 100 ms ago (a display update costs a kernel message). */
    private void emitThrottled(String line) {
        if (System.nanoTime() - lastShown >= MIN_INTERVAL_NANOS) {
            emit(line);
        } else {
            last = line;
        }
    }
}
