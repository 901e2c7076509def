/**
 * Fine-tuning the top of a backbone (its last one or two blocks) with the head: the frozen part runs once per image
 * up to a cut ({@link dev.loupe.engine.finetune.BackboneTop}), its maps are kept on disk quantized to bytes
 * ({@link dev.loupe.engine.finetune.CutActivations}, in the dataset's {@code .loupe/finetune} by
 * {@link dev.loupe.engine.finetune.CutCache}), and only the top is trained on them
 * ({@link dev.loupe.engine.finetune.FineTuner}: a warm-up and a decaying rate, early stopping on validation loss), as
 * the features are cached for the head alone (docs/benchmarks.md). A trained top becomes a
 * {@link dev.loupe.engine.finetune.BackbonePatch} of the backbone's own layers, which the model bundle carries and
 * every runtime and export applies.
 */
package dev.loupe.engine.finetune;
