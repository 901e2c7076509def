/**
 * A workflow over a dataset and its features, so it sits above {@code dataset}, {@code features} and
 * {@code embedding}: checks a dataset for what quietly spoils a classifier: exact duplicates (across classes they are
 * label noise, within one they weigh an image twice), unreadable and tiny images, empty or near-empty classes and class
 * imbalance. Given a backbone's features it also reports near-duplicates, near-duplicates split across training and
 * validation (leakage) and likely mislabels (images whose nearest neighbours mostly belong to one other class); given
 * a trained model, shortcuts its heat maps show ({@link dev.loupe.engine.explain.ShortcutCheck}).
 * Findings are plain records; {@code loupe dataset audit} and the Curate pane's audit panel show them.
 */
package dev.loupe.engine.audit;
