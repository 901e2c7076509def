/**
 * The Train pane: retrain on the open dataset in the background with named stages, live loss and accuracy curves,
 * settings, the run history (select the run Classify uses, compare two runs, export a model) and the evaluation of the
 * shown run (confusion matrix, per-class table, reliability diagram, misclassified images that can be moved to the
 * right class). {@code TrainViewModel} holds the state without a Node, with {@code TrainProgress} (the running job),
 * {@code RunListModel} (the run history) and {@code EvaluationModel}; the views bind.
 */
package dev.loupe.ui.train;
