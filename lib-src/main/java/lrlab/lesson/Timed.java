package lrlab.lesson;

import java.util.function.Supplier;
import lrlab.util.Check;

/**
 * A value and the wall-clock seconds it took to compute. In a notebook, time a computation with
 * {@code Timed.of(() -> ...)} rather than two {@code System.nanoTime()} statements: the kernel compiles each
 * statement of a cell before running it, and that compilation would land between the two readings.
 *
 * <pre>{@code
 * var finder = Timed.of(() -> LrFinder.of(model, Optimizers.sgd(0.1).build()).run(params));
 * table(SearchCost.finder(finder.value(), finder.seconds()).table());
 * }</pre>
 *
 * @param value what the computation returned
 * @param seconds how long it ran
 * @param <T> the value's type
 */
public record Timed<T>(T value, double seconds) {

    /**
     * Runs {@code computation} once and measures it with {@link System#nanoTime()}.
     *
     * @param computation the work to time
     * @param <T> its result type
     * @return the computation's value and its seconds
     */
    public static <T> Timed<T> of(Supplier<T> computation) {
        Check.notNull("computation", computation);
        long start = System.nanoTime();
        T value = computation.get();
        return new Timed<>(value, (System.nanoTime() - start) / 1e9);
    }
}
