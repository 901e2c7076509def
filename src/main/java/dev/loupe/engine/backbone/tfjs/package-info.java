/**
 * Imports TF.js layers models ({@code model.json} + binary weight shards, as written by {@code tensorflowjs_converter}
 * and Teachable Machine) into DL4J. The Keras topology inside {@code model.json} goes through DL4J's own Keras import,
 * and every tensor through DL4J's own Keras weight conversion, so a TF.js model loads exactly as the same network
 * saved as Keras HDF5 would.
 */
package dev.loupe.engine.backbone.tfjs;
