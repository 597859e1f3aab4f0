package lrlab.train;

import lrlab.util.Check;

/**
 * How long and on what batches a training run goes: epochs, rows per batch and the seed of the
 * initialisation, the shuffling and any split. Immutable and printable; the one set of defaults every
 * training helper of the library starts from ({@link #DEFAULTS}: 10 epochs, batches of 32, seed 0).
 *
 * <pre>{@code
 * RunConfig c = RunConfig.DEFAULTS.epochs(20).batchSize(64);   // RunConfig[epochs=20, batchSize=64, seed=0]
 * }</pre>
 *
 * @param epochs passes over the training rows, ≥ 1
 * @param batchSize rows per batch, ≥ 1 (at least the number of rows: full-batch steps)
 * @param seed seed of the initialisation, the shuffling and any split
 */
public record RunConfig(int epochs, int batchSize, long seed) {

    /** 10 epochs, batches of 32 rows, seed 0. */
    public static final RunConfig DEFAULTS = new RunConfig(10, 32, 0);

    /**
     * Validates epochs ≥ 1 and batchSize ≥ 1.
     *
     * @param epochs the number of epochs, ≥ 1
     * @param batchSize rows per batch, ≥ 1
     * @param seed the seed of the random draws
     */
    public RunConfig {
        Check.atLeast("epochs", epochs, 1);
        Check.atLeast("batchSize", batchSize, 1);
    }

    /**
     * @param epochs passes over the training rows, ≥ 1
     * @return a copy with that many epochs
     */
    public RunConfig epochs(int epochs) {
        return new RunConfig(epochs, batchSize, seed);
    }

    /**
     * @param batchSize rows per batch, ≥ 1
     * @return a copy with that batch size
     */
    public RunConfig batchSize(int batchSize) {
        return new RunConfig(epochs, batchSize, seed);
    }

    /**
     * Optimizer steps of one epoch over {@code rows} rows, every row used (the last batch may be smaller).
     *
     * @param rows n, the training rows, ≥ 1
     * @return ⌈n/B⌉
     */
    public int stepsPerEpoch(int rows) {
        return BatchLoop.stepsPerEpoch(Check.atLeast("rows", rows, 1), batchSize, false);
    }

    /**
     * Optimizer steps of a whole run over {@code rows} rows (the t a per-step schedule counts to).
     *
     * @param rows n, the training rows, ≥ 1
     * @return epochs · ⌈n/B⌉
     */
    public int totalSteps(int rows) {
        return epochs * stepsPerEpoch(rows);
    }

    /**
     * @param seed seed of the initialisation, the shuffling and any split
     * @return a copy with that seed
     */
    public RunConfig seed(long seed) {
        return new RunConfig(epochs, batchSize, seed);
    }
}
