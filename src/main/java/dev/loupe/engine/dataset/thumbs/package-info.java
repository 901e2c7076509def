/**
 * Thumbnails of a dataset's images, made once and cached on disk under {@code .loupe/thumbnails/} so browsing a large
 * class a second time costs file reads, not decodes.
 */
package dev.loupe.engine.dataset.thumbs;
