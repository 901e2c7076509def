/**
 * Measurements behind {@code loupe bench}: extraction speed per runtime and backbone, classification latency,
 * head training time and memory. Kept in the engine so the studio can show the same figures.
 */
package dev.loupe.engine.bench;
