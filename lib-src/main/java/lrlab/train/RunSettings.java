package lrlab.train;

import lrlab.util.Check;

/**
 * The fluent {@code epochs(..)}, {@code batchSize(..)} and {@code seed(..)} of everything that trains
 * (the {@link Trainer} and the lesson helpers built on it), kept in one {@link RunConfig} that starts at
 * {@link RunConfig#DEFAULTS}.
 *
 * @param <S> the concrete class, so chained calls keep their type
 */
public abstract class RunSettings<S extends RunSettings<S>> {

    private RunConfig config = RunConfig.DEFAULTS;

    /** @return this, typed as the concrete class */
    protected abstract S self();

    /**
     * @param epochs passes over the training rows, ≥ 1 (default 10)
     * @return this
     */
    public S epochs(int epochs) {
        config = config.epochs(epochs);
        return self();
    }

    /**
     * @param batchSize rows per batch, ≥ 1 (default 32)
     * @return this
     */
    public S batchSize(int batchSize) {
        config = config.batchSize(batchSize);
        return self();
    }

    /**
     * @param seed seed of the initialisation, the shuffling and any split (default 0)
     * @return this
     */
    public S seed(long seed) {
        config = config.seed(seed);
        return self();
    }

    /**
     * @param config epochs, batch size and seed at once
     * @return this
     */
    public S config(RunConfig config) {
        this.config = Check.notNull("config", config);
        return self();
    }

    /** @return the current epochs, batch size and seed */
    public RunConfig config() {
        return config;
    }
}
