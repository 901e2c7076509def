/**
 * The studio's "map" (the Classify pane) and {@code loupe embed}: maps of a dataset's features: PCA, a t-SNE written for Loupe (Barnes-Hut for the app, exact for tests), nearest
 * neighbours by cosine similarity (an exact scan, or an HNSW graph from hnswlib-core past 100,000 images), placing a
 * new image on a fixed map, and the figures that say how faithful a map is (trustworthiness, k-NN accuracy). Plain
 * Java on float arrays: DL4J 1.0.0-M2.1 ships no t-SNE, and these sizes (thousands of points, 50 dimensions after
 * PCA) need no native library.
 */
package dev.loupe.engine.embedding;
