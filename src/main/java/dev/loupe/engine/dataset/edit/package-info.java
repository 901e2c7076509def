/**
 * Changing a dataset folder without ever losing an image: adding files, relabelling, making, renaming and deleting
 * classes, removing images. Every change is a list of reversible file {@link dev.loupe.engine.dataset.edit.Step}s,
 * recorded in a versioned journal under {@code .loupe/} so undo and redo survive a restart; removal moves files into
 * {@code .loupe/trash/}. Also the folder watcher that tells the UI when something outside Loupe changed the folder.
 */
package dev.loupe.engine.dataset.edit;
