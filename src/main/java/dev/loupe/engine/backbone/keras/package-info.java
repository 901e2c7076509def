/**
 * Keras networks independent of their file format ({@link dev.loupe.engine.backbone.keras.KerasNet}): flattening
 * nested containers, cutting, building into DL4J, and reading and writing Keras' HDF5 files in Keras' own layout.
 */
package dev.loupe.engine.backbone.keras;
