package dev.loupe.engine.embedding;

import java.util.List;

/**
 * Finds the vectors most similar to a query by cosine. {@link CosineIndex} scans every vector, exact and fast enough
 * for the tens of thousands of images a desktop dataset usually holds; {@link HnswCosineIndex}, an approximate graph
 * index (HNSW, Malkov and Yashunin 2018), takes over past {@link NeighbourIndexes#EXACT_LIMIT} vectors.
 */
public interface NeighbourIndex {

    int size();

    /** The {@code k} most similar vectors, most similar first; {@code exclude} (or -1) is left out, e.g. the query's own row. */
    List<Neighbour> nearest(float[] query, int k, int exclude);

    default List<Neighbour> nearest(float[] query, int k) {
        return nearest(query, k, -1);
    }
}
