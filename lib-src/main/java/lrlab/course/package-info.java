/**
 * Lesson helpers of the course notebooks: small, lesson-specific pieces (a tilted double well, distance
 * tables for seed 000's criterion, schedule comparisons on one training run). Generic tools live in the
 * library packages.
 */
package lrlab.course;
