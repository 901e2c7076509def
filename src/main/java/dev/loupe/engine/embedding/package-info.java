/**
 * The studio's "map" (the Classify pane) and {@code loupe embed}: maps of a dataset's features. PCA, a t-SNE written
 * for Loupe (Barnes-Hut on every core for the app, exact for tests), nearest neighbours by cosine similarity (an exact
 * scan, or an HNSW graph from hnswlib-core past 100,000 images), placing a new image on a fixed map and bringing a map
 * up to date with new images without a new t-SNE, and the figures that say how faithful a map is (trustworthiness,
 * k-NN accuracy). DL4J 1.0.0-M2.1 ships no t-SNE; the all-pairs products of the exact neighbour searches go through
 * ND4J's BLAS.
 */
package dev.loupe.engine.embedding;
