/**
 * Pieces every studio pane shares: the {@link dev.loupe.ui.common.DatasetSession} of the open dataset (everything
 * that belongs to it, closed as a whole when another opens), the {@link dev.loupe.ui.common.StudioPane} contract the
 * panes implement, the
 * {@link dev.loupe.ui.common.EditActions} the Edit menu calls, the one adapter that turns engine job snapshots into
 * JavaFX state ({@link dev.loupe.ui.common.JobStatusPoller}), the Undo and Redo every pane walks over the dataset's
 * one history ({@link dev.loupe.ui.common.EditHistory}), the one way to show an image small
 * ({@link dev.loupe.ui.common.ThumbnailService}), the class colours every pane draws with
 * ({@link dev.loupe.ui.common.ClassPalette}, kept per dataset by the session), the one way to show what a model looked
 * at (the heat-map service, controls and layer: {@link dev.loupe.ui.common.HeatMapService}) and small view helpers
 * such as the empty state.
 */
package dev.loupe.ui.common;
