package dev.loupe.engine.features;

import dev.loupe.engine.dataset.ImageEntry;

/** One usable image with its content hash and its features. */
public record Sample(ImageEntry image, String hash, float[] features) {
}
