package dev.loupe.engine.embedding;

import java.util.List;

/**
 * Finds the vectors most similar to a query. {@link CosineIndex} scans every vector, exact and fast enough for the
 * tens of thousands of images a desktop dataset holds (10,000 x 1,280 floats is one 50 ms pass); an approximate
 * graph index (HNSW, Malkov and Yashunin 2018) can implement this interface when datasets outgrow that.
 */
public interface NeighbourIndex {

    int size();

    /** The {@code k} most similar vectors, most similar first; {@code exclude} (or -1) is left out, e.g. the query's own row. */
    List<Neighbour> nearest(float[] query, int k, int exclude);

    default List<Neighbour> nearest(float[] query, int k) {
        return nearest(query, k, -1);
    }
}
