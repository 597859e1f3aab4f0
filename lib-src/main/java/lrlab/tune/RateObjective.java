package lrlab.tune;

import java.util.function.DoubleFunction;
import lrlab.data.Dataset;
import lrlab.model.Model;
import lrlab.optim.Optimizer;
import lrlab.train.RunConfig;
import lrlab.train.Trainer;
import lrlab.train.TrainingListener;
import lrlab.train.TrainingResult;
import lrlab.util.Check;

/**
 * What a tuner minimises: the loss reached with learning rate {@code lr} after spending {@code budget}
 * units of work (steps, epochs...). Larger budgets should give more reliable losses; successive halving
 * relies on that. A non-finite loss counts as worse than any finite one.
 */
@FunctionalInterface
public interface RateObjective {

    /**
     * The loss after {@code budget} units at rate {@code lr}.
     *
     * @param lr the learning rate η, finite and &gt; 0
     * @param budget the budget of every trial, ≥ 1
     * @return the loss after {@code budget} units at rate {@code lr}
     */
    double loss(double lr, int budget);

    /**
     * This objective, reporting every evaluation to {@code listener} after it finishes
     * ({@link TrainingListener#onTrial}, trials numbered from 1): the hook for an updating progress display in
     * a notebook, so every tuner reports through the library's one listener.
     *
     * @param listener told about every trial
     * @return the observed objective
     */
    default RateObjective observed(TrainingListener listener) {
        Check.notNull("listener", listener);
        int[] count = {0};
        return (lr, budget) -> {
            double loss = loss(lr, budget);
            listener.onTrial(++count[0], lr, budget, loss);
            return loss;
        };
    }

    /**
     * Training as a rate objective with the library's run defaults ({@link RunConfig#DEFAULTS}: batches of 32,
     * seed 0): {@link #training(Model, Dataset, DoubleFunction, RunConfig)}.
     *
     * @param model the model on its training data
     * @param validation held-out data, or null
     * @param optimizerFor a fresh optimizer for a rate, e.g. {@code lr -> Optimizers.sgd(lr).build()}
     * @return the objective: rate and epochs → final validation (or training) loss, +∞ if diverged
     */
    static RateObjective training(Model model, Dataset validation, DoubleFunction<Optimizer> optimizerFor) {
        return training(model, validation, optimizerFor, RunConfig.DEFAULTS);
    }

    /**
     * Training as a rate objective: budget = epochs. Each call trains a fresh copy of the model's
     * seeded initialisation with {@code optimizerFor.apply(lr)} on {@code run}'s batch size and seed (its
     * epochs are replaced by the budget) and returns the final validation loss (the final training loss
     * when {@code validation} is null); a run that stopped on a non-finite loss or ends non-finite returns +∞.
     * Unlike {@link TrainingResult#divergedAbove} there is no loss-ratio threshold: a tuner needs a score, not
     * a flag, and a high finite loss already ranks below every better rate.
     *
     * @param model the model on its training data
     * @param validation held-out data, or null
     * @param optimizerFor a fresh optimizer for a rate, e.g. {@code lr -> Optimizers.sgd(lr).build()}
     * @param run batch size and seed of every trial (the same seed for all: common random numbers)
     * @return the objective: rate and epochs → final validation (or training) loss, +∞ if diverged
     */
    static RateObjective training(Model model, Dataset validation, DoubleFunction<Optimizer> optimizerFor,
                                  RunConfig run) {
        Check.notNull("model", model);
        Check.notNull("optimizerFor", optimizerFor);
        Check.notNull("run", run);
        return (lr, budget) -> {
            Trainer t = Trainer.of(model, optimizerFor.apply(lr)).config(run.epochs(budget));
            if (validation != null) {
                t.validation(validation);
            }
            TrainingResult r = t.fit();
            if (r.diverged()) {
                return Double.POSITIVE_INFINITY;
            }
            double loss = validation != null ? r.finalValLoss() : r.finalTrainLoss();
            return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
        };
    }
}
