/** Test fixtures: generated images, a fake backbone, and where the shared real data lives. */
package dev.loupe.testing;
