package dev.loupe.engine.inbox;

import java.util.Locale;

/** The orders the inbox can be worked through in ({@link InboxOrders#sort}). */
public enum InboxOrder {
    /**
     * Most uncertain first (smallest margin between the two top probabilities): active learning, the photos whose
     * label teaches the model most.
     */
    UNCERTAIN,
    /**
     * Most uncertain first, spread out: the photos labelled before the next retrain ({@link AutoRetrain#DEFAULT_EVERY})
     * come from different groups of the most uncertain ({@link DiverseUncertainty}), so they are not near-duplicates
     * of one confusing case; after them, smallest margin first. The default: with the converged automatic retrain,
     * 0.46 of random's labels on Fashion-MNIST (plain margin 0.57, steadier over seeds) and 0.77 on the flowers
     * (plain margin 0.75, within one seed's noise) to reach 95% of the all-labels accuracy (docs/labelling.md).
     */
    UNCERTAIN_DIVERSE,
    /** Most confident first: the photos to accept in bulk, or to check quickly with Enter. */
    CONFIDENT,
    /** By suggested class (in the model's label order), most confident first within each. */
    CLASS,
    /** Most similar to a chosen photo first (cosine of the features); needs no trained run. */
    SIMILAR;

    /** The default order: the benchmark's winner. */
    public static final InboxOrder DEFAULT = UNCERTAIN_DIVERSE;

    /** The name the command line takes ({@code uncertain}, {@code uncertain-diverse}, {@code confident}, ...). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
