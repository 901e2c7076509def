/** Loupe: a desktop studio for building image classifiers by transfer learning. {@link dev.loupe.Launcher} starts it. */
package dev.loupe;
