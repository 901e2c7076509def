/**
 * The Classify pane: drop photos to classify them with a trained model, see where they land on a t-SNE map of the
 * dataset (the map: {@code engine/embedding} in the code) and which dataset images they resemble, and confirm a result
 * into the dataset.
 */
package dev.loupe.ui.classify;
