package dev.loupe.ui.train;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.training.TrainingConfig;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings a user may change before Retrain, as properties the form binds to. Starts from
 * {@link TrainingConfig#defaults()}; opening a dataset with runs starts from its newest run's config instead, so
 * Retrain repeats what was done last unless the user changes something.
 */
public final class TrainSettings {

    private final ObservableList<BackboneDescriptor> backbones = FXCollections.observableArrayList();
    private final ObjectProperty<BackboneDescriptor> backbone = new SimpleObjectProperty<>();
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final DoubleProperty learningRate = new SimpleDoubleProperty();
    private final IntegerProperty hiddenUnits = new SimpleIntegerProperty();
    private final DoubleProperty dropout = new SimpleDoubleProperty();
    private final DoubleProperty validationPercent = new SimpleDoubleProperty();
    private final IntegerProperty seed = new SimpleIntegerProperty();
    private final BooleanProperty classWeights = new SimpleBooleanProperty();
    private final IntegerProperty augmentations = new SimpleIntegerProperty();
    private final BooleanProperty augmentColour = new SimpleBooleanProperty();
    private final BooleanProperty headSearch = new SimpleBooleanProperty();
    private final IntegerProperty fineTuneBlocks = new SimpleIntegerProperty();
    /** How many blocks the chosen backbone can fine-tune: -1 while unknown (being checked), 0 for none. */
    private final IntegerProperty fineTunable = new SimpleIntegerProperty(-1);
    /** Why the chosen backbone cannot fine-tune (more blocks), or "". */
    private final StringProperty fineTuneWhy = new SimpleStringProperty("");
    /** Whether the Advanced section is open: the fine-tuning check loads the backbone, so only once it is seen. */
    private final BooleanProperty advancedShown = new SimpleBooleanProperty();
    private TrainingConfig base;

    public TrainSettings(BackboneRegistry registry) {
        backbones.setAll(registry.all());
        load(TrainingConfig.defaults());
        fineTunable.addListener((o, was, now) -> {
            if (now.intValue() >= 0 && fineTuneBlocks.get() > now.intValue()) {
                fineTuneBlocks.set(now.intValue()); // a run with this backbone could not do more
            }
        });
    }

    /** Shows {@code config} in the form. An unknown backbone (e.g. an import since removed) falls back to the first. */
    public void load(TrainingConfig config) {
        base = config;
        backbone.set(backbones.stream().filter(b -> b.id().equals(config.backbone())).findFirst()
                .orElse(backbones.isEmpty() ? null : backbones.get(0)));
        epochs.set(config.epochs());
        learningRate.set(config.learningRate());
        hiddenUnits.set(config.hiddenUnits());
        dropout.set(config.dropout());
        validationPercent.set(config.validationPercent());
        seed.set((int) config.seed());
        classWeights.set(config.classWeights());
        augmentations.set(config.augmentations());
        augmentColour.set(config.augmentColour());
        headSearch.set(config.autoHead());
        fineTuneBlocks.set(config.fineTuneBlocks());
    }

    /** The config to train with; throws IllegalArgumentException naming a value out of range. */
    public TrainingConfig toConfig() {
        if (backbone.get() == null) {
            throw new IllegalArgumentException("Choose a backbone");
        }
        return new TrainingConfig(backbone.get().id(), epochs.get(), learningRate.get(), hiddenUnits.get(),
                dropout.get(), base.l2(), validationPercent.get(), seed.get(), base.patience(), base.batchSize(),
                classWeights.get(), augmentations.get(), headSearch.get(), augmentColour.get(), fineTuneBlocks.get());
    }

    /** Every setting, for whoever follows changes (saving them, the Advanced summary). */
    public List<Observable> all() {
        return List.of(backbone, epochs, learningRate, hiddenUnits, dropout, validationPercent, seed, classWeights,
                augmentations, augmentColour, headSearch, fineTuneBlocks);
    }

    /**
     * The Advanced settings that differ from the defaults, e.g. "augmentations 12, hidden 0": shown in the collapsed
     * Advanced title, so a setting carried from an earlier session is never applied unseen.
     */
    public String advancedChanges() {
        TrainingConfig d = TrainingConfig.defaults();
        List<String> out = new ArrayList<>();
        if (headSearch.get() != d.autoHead()) {
            out.add(headSearch.get() ? "head chosen automatically" : "head as given");
        }
        // While the search is on, these are only where it starts.
        if (!headSearch.get() && learningRate.get() != d.learningRate()) {
            out.add("learning rate " + BigDecimal.valueOf(learningRate.get()).stripTrailingZeros().toPlainString());
        }
        if (!headSearch.get() && hiddenUnits.get() != d.hiddenUnits()) {
            out.add("hidden " + hiddenUnits.get());
        }
        if (!headSearch.get() && dropout.get() != d.dropout()) {
            out.add("dropout " + BigDecimal.valueOf(dropout.get()).stripTrailingZeros().toPlainString());
        }
        if (validationPercent.get() != d.validationPercent()) {
            out.add("validation " + BigDecimal.valueOf(validationPercent.get()).stripTrailingZeros().toPlainString()
                    + " %");
        }
        if (seed.get() != (int) d.seed()) {
            out.add("seed " + seed.get());
        }
        if (classWeights.get() != d.classWeights()) {
            out.add(classWeights.get() ? "balanced classes" : "unbalanced classes");
        }
        if (augmentations.get() != d.augmentations()) {
            out.add("augmentations " + (augmentations.get() == TrainingConfig.AUTO_AUGMENTATIONS ? "auto"
                    : augmentations.get()));
        }
        if (augmentations.get() != 0 && augmentColour.get() != d.augmentColour()) {
            out.add(augmentColour.get() ? "colour changes" : "no colour changes");
        }
        if (fineTuneBlocks.get() > 0) {
            out.add("fine-tune " + (fineTuneBlocks.get() == 1 ? "last block" : "last " + fineTuneBlocks.get() + " blocks"));
        }
        return String.join(", ", out);
    }

    /**
     * The backbones on offer, read again after a download or an import: the chosen one stays chosen (by id), now with
     * its new state.
     */
    public void setBackbones(List<BackboneDescriptor> list) {
        String chosen = backbone.get() == null ? null : backbone.get().id();
        backbones.setAll(list);
        backbone.set(list.stream().filter(b -> b.id().equals(chosen)).findFirst()
                .orElse(list.isEmpty() ? null : list.get(0)));
    }

    public ObservableList<BackboneDescriptor> backbones() { return backbones; }
    public ObjectProperty<BackboneDescriptor> backboneProperty() { return backbone; }
    public IntegerProperty epochsProperty() { return epochs; }
    public DoubleProperty learningRateProperty() { return learningRate; }
    public IntegerProperty hiddenUnitsProperty() { return hiddenUnits; }
    public DoubleProperty dropoutProperty() { return dropout; }
    public DoubleProperty validationPercentProperty() { return validationPercent; }
    public IntegerProperty seedProperty() { return seed; }
    public BooleanProperty classWeightsProperty() { return classWeights; }
    public IntegerProperty augmentationsProperty() { return augmentations; }
    public BooleanProperty augmentColourProperty() { return augmentColour; }
    public BooleanProperty headSearchProperty() { return headSearch; }
    public IntegerProperty fineTuneBlocksProperty() { return fineTuneBlocks; }
    public IntegerProperty fineTunableProperty() { return fineTunable; }
    public StringProperty fineTuneWhyProperty() { return fineTuneWhy; }
    public BooleanProperty advancedShownProperty() { return advancedShown; }

    /** The display name of a backbone id, for the run list. */
    public String displayName(String id) {
        return backbones.stream().filter(b -> b.id().equals(id)).map(BackboneDescriptor::displayName).findFirst()
                .orElse(id);
    }
}
