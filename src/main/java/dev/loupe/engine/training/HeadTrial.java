package dev.loupe.engine.training;

/**
 * One setting the search tried, with what held-out images said of it.
 *
 * @param accuracy share of held-out images right (validation split, or every fold's held-out part together)
 * @param loss     mean cross-entropy on the same images, which breaks ties in accuracy
 * @param epochs   epochs kept by early stopping (mean over folds)
 * @param millis   time to train and score it
 * @param variants trained with the photos' augmented variants as well as the photos (false: the photos alone)
 */
public record HeadTrial(HeadSetting setting, double accuracy, double loss, double epochs, long millis,
                        boolean variants) {

    /** A trial on the photos alone. */
    public HeadTrial(HeadSetting setting, double accuracy, double loss, double epochs, long millis) {
        this(setting, accuracy, loss, epochs, millis, false);
    }

    /** True when this scored better than {@code other}: more accurate, or as accurate with a lower loss. */
    public boolean beats(HeadTrial other) {
        return other == null || accuracy > other.accuracy || (accuracy == other.accuracy && loss < other.loss);
    }

    /** The setting, and "with augmented variants" when it trained on them. */
    public String describe() {
        return setting.describe() + (variants ? ", with augmented variants" : "");
    }
}
