/**
 * The Curate pane: the dataset's classes on the left, a virtualized thumbnail grid of the selected class, drag and
 * drop in from the file manager and between classes, undo and redo. {@link dev.loupe.ui.curate.CurateViewModel}
 * holds the state and calls the engine through jobs ({@link dev.loupe.ui.curate.FolderScans} reads the folder for
 * it); the view classes only bind and forward gestures.
 */
package dev.loupe.ui.curate;
