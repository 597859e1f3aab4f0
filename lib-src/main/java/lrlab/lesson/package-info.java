/**
 * Lesson helpers of the course notebooks: each lesson's own choice of runs on top of the library (the
 * course text's overshoot criterion tables, schedule comparisons, rate sensitivity sweeps, the linear
 * scaling rule, per-parameter steps of adaptive optimizers, tuners on one budget). Everything returns
 * Tablesaw tables; nothing prints. Generic tools live in the domain packages.
 */
package lrlab.lesson;
