/**
 * The user-level actions that chain the engine's parts, each a plain function of a
 * {@link dev.loupe.engine.jobs.JobMonitor} so the CLI and the studio run them the same way: train a model on a
 * dataset folder ({@code TrainWorkflow}, over {@code training}'s maths; {@code runs} records it as a run), evaluate a
 * model on one.
 */
package dev.loupe.engine.workflow;
