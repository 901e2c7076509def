/**
 * Checks a dataset for what quietly spoils a classifier: exact duplicates (across classes they are label noise,
 * within one they weigh an image twice), unreadable and tiny images, empty or near-empty classes and class imbalance.
 * Findings are plain records that the Curate pane and {@code loupe dataset audit} both show.
 */
package dev.loupe.engine.dataset.audit;
