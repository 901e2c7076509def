/**
 * A dataset is a plain folder with one sub-folder per class; the folder on disk is the truth. This package scans it,
 * fingerprints it, and splits it into training and validation images deterministically from each image's content hash.
 */
package dev.loupe.engine.dataset;
