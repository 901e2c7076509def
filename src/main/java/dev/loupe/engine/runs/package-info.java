/**
 * The history of training runs of a dataset: one folder per run under {@code .loupe/runs/} holding its record
 * ({@code run.json}: config, per-epoch metrics, evaluation, state) and its model bundle, plus which run Classify uses
 * and the settings the next run will use. {@link dev.loupe.engine.runs.TrainJob} runs the train workflow as a run:
 * it is recorded as running when it starts, so one cut short by a crash is found and marked interrupted later.
 */
package dev.loupe.engine.runs;
