/**
 * Importing the user's own Keras (H5, or JSON + H5) and TF.js / Teachable Machine models as backbones: the files are
 * copied into Loupe's data folder, cut before the classifier, and checked on a probe image before they are listed.
 */
package dev.loupe.engine.backbone.importer;
