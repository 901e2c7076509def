package dev.loupe.engine.inbox;

import java.nio.file.Path;

/**
 * One photo of the inbox, with its cached features and, when a trained run exists, the model's suggestion.
 *
 * @param path       relative to the dataset root: the file name, since inbox photos lie in the dataset folder
 * @param hash       content hash (SHA-256), the catalogue's key for its features
 * @param features   the backbone's feature vector (shared, not copied: do not change it)
 * @param suggestion null without a trained run
 * @param nearest    cosine similarity of the most similar labelled photo (NaN when nothing is labelled)
 * @param unfamiliar out of distribution: less similar to every labelled photo than the dataset's own photos are to
 *                   one another ({@code embedding.Familiarity}, the rule Classify uses)
 */
public record InboxPhoto(String path, Path file, String hash, float[] features, Suggestion suggestion, float nearest,
                         boolean unfamiliar) {

    public boolean hasSuggestion() {
        return suggestion != null;
    }
}
