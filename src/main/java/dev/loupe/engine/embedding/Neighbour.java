package dev.loupe.engine.embedding;

/** One search result: the row index in the indexed set and its cosine similarity to the query (in [-1, 1]). */
public record Neighbour(int index, float similarity) {
}
