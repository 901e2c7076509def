/**
 * The maths of training a classification head on feature arrays (the user's action from a dataset folder to a
 * model is {@code workflow/TrainWorkflow}; that action recorded as a run of the dataset is {@code runs/TrainJob}):
 * softmax regression or one hidden layer with dropout, Adam, class weights, early stopping on validation loss,
 * temperature scaling, the settings chosen by a search on held-out images
 * ({@link dev.loupe.engine.training.HeadSearch}) unless given (its budget counts training work, not time, so
 * a busy machine makes the same choice), reproducible either way from a
 * {@link dev.loupe.engine.training.TrainingConfig} and its seed. Each epoch is reported as an immutable
 * {@link dev.loupe.engine.training.EpochMetrics}.
 */
package dev.loupe.engine.training;
