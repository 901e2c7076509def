/**
 * How good a model is, in terms a user can act on: confusion matrix, per-class precision/recall/F1, accuracy, the
 * expected calibration error, and the misclassified images with what the model thought they were.
 */
package dev.loupe.engine.evaluation;
