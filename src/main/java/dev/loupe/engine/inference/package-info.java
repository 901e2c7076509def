/**
 * Classifying images with a trained model: one image, many, or whole folders; top-k labels with calibrated
 * probabilities; results as CSV or JSON.
 */
package dev.loupe.engine.inference;
