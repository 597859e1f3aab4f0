package lrlab.display;

import java.util.function.Consumer;
import lrlab.find.LrFinder;
import lrlab.train.EpochStats;
import lrlab.train.TrainingListener;
import lrlab.train.TrainingResult;
import lrlab.tune.Trial;

/**
 * One updating notebook line fed by training, tuning and the learning-rate finder: a
 * {@link TrainingListener} (one update per epoch), a {@code Consumer<Trial>} for
 * {@code RateObjective.observed(...)} and an {@link LrFinder.Listener} (every 10th iteration); updates come at most every 100 ms. Each line
 * starts with the current stage, e.g. {@code "SGD lr=0.01 · epoch 3/10 · train 0.412 · val 0.455"}.
 * Nothing is printed: lines go to a {@link Progress} display (or to any line sink in tests).
 */
public final class TrainingProgress implements TrainingListener, Consumer<Trial>, LrFinder.Listener {

    private final Consumer<String> sink;
    private String stage = "";
    private int epochs;
    private int runs;
    private String last = "";
    private long lastShown;
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private TrainingProgress(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Shows a new updating line in the notebook, starting with {@code firstLine}. */
    public static TrainingProgress show(String firstLine) {
        Progress p = Show.progress(firstLine);
        return new TrainingProgress(p::update);
    }

    /** Sends the lines to {@code sink} (tests, or a custom display). */
    public static TrainingProgress to(Consumer<String> sink) {
        if (sink == null) {
            throw new IllegalArgumentException("sink must not be null");
        }
        return new TrainingProgress(sink);
    }

    /** Names what runs next (e.g. "Adam lr=0.001"); it prefixes every following line. */
    public TrainingProgress stage(String name) {
        stage = name == null ? "" : name;
        emit(stage);
        return this;
    }

    /** Ends with a closing line, e.g. "done: 32 runs". */
    public void done(String line) {
        emit(line);
    }

    /** Training runs started since creation. */
    public int runs() {
        return runs;
    }

    /** The last line shown. */
    public String lastLine() {
        return last;
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch) {
        this.epochs = epochs;
        runs++;
    }

    @Override
    public void onEpoch(EpochStats s) {
        String val = Double.isNaN(s.valLoss()) ? "" : String.format(" · val %.4g", s.valLoss());
        emitThrottled(String.format("%s · epoch %d/%d · train %.4g%s", stage, s.epoch(), epochs, s.trainLoss(), val));
    }

    @Override
    public void onEnd(TrainingResult result) {
        if (result.diverged()) {
            emit(stage + " · diverged at step " + result.divergedStep());
        }
    }

    @Override
    public void accept(Trial t) {
        emitThrottled(String.format("%s · trial %d · lr %.3g · budget %d · loss %.4g", stage, t.trial(), t.lr(), t.budget(), t.loss()));
    }

    @Override
    public void onIteration(int i, double lr, double loss, double smoothed) {
        if (i % 10 == 0) {
            emitThrottled(String.format("%s · iteration %d · lr %.3g · smoothed loss %.4g", stage, i, lr, smoothed));
        }
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
