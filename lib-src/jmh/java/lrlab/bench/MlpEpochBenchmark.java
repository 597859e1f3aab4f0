package lrlab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import lrlab.data.Dataset;
import lrlab.data.Datasets;
import lrlab.find.LrFinder;
import lrlab.model.Mlp;
import lrlab.optim.Optimizer;
import lrlab.optim.Optimizers;
import lrlab.train.Trainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One epoch (batch 32, shuffled, 57 batches) of a 64-32-10 ReLU MLP with SGD (lr 0.01) on all 1797
 * standardised digits: forward, backward and optimizer step, single thread. PyTorch 2.13 CPU on the
 * same 2-core machine: 9.8 ms per epoch (issue 4); target ≤ 3 ms. Also times the LR finder (100 iterations).
 *
 * <p>Run: {@code mvn -Pjmh -q -o package -DskipTests && java -cp ... org.openjdk.jmh.Main MlpEpochBenchmark}
 * or through {@code environment/workbook bench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MlpEpochBenchmark {

    private Mlp model;
    private Optimizer sgd;
    private double[] params;
    private double[] grad;
    private int[] order;
    private SplittableRandom rng;

    @Setup
    public void setup() {
        Dataset digits = Datasets.digits().standardize();
        model = Mlp.of(digits, 32);
        sgd = Optimizers.sgd(0.01).build(model.dimension());
        params = model.initialParams(0);
        grad = new double[model.dimension()];
        order = new int[digits.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng = new SplittableRandom(0);
    }

    /**
     * The learning-rate finder on the same network: 100 iterations (batch 32) from 1e−7 to 10 with
     * fastai's early stop, parameters and optimizer restored; returns the valley suggestion.
     */
    @Benchmark
    public double finder() {
        return LrFinder.of(model, sgd).run(params).valley();
    }

    /**
     * One epoch through {@link Trainer#epochs}, the batch loop {@link Trainer#fit} runs (without its history
     * and hooks); returns the mean training loss so the work cannot be eliminated.
     */
    @Benchmark
    public double epoch() {
        return Trainer.epochs(model, sgd, params, grad, order, 32, 1, rng);
    }
}
