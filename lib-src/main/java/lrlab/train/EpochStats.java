package lrlab.train;

/**
 * One row of the per-epoch history.
 *
 * @param epoch 1-based epoch number
 * @param lr the learning rate (group 0) at the start of the epoch
 * @param trainLoss mean of the epoch's batch losses, weighted by batch size (losses seen while training)
 * @param valLoss mean loss on the validation set after the epoch (NaN without validation)
 * @param valAccuracy validation accuracy after the epoch (NaN without validation or for regression)
 */
public record EpochStats(int epoch, double lr, double trainLoss, double valLoss, double valAccuracy) {
}
