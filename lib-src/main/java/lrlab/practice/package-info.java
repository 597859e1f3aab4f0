/**
 * Helpers of the practical notebooks (07 choosing the rate, 08 batch size, 09 adaptive methods): rate
 * sensitivity sweeps with their good ranges, the linear scaling rule measured, per-parameter effective
 * steps of adaptive optimizers, and tuners compared on one budget. Everything returns Tablesaw tables;
 * nothing prints (progress goes to an optional {@link lrlab.notebook.TrainingProgress}).
 */
package lrlab.practice;
