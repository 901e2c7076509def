/**
 * The Classify pane: drop photos to classify them with a trained model, see where they land on a t-SNE map of the
 * dataset (the map: {@code engine/embedding} in the code) and which dataset images they resemble, and confirm a result
 * into the dataset. {@code ClassifyViewModel} holds the state without a Node, with {@code ModelChoice} (the model
 * and its fallback) and {@code ClassifyMap} (the map and the results' places on it); the views bind.
 */
package dev.loupe.ui.classify;
