package dev.loupe.ui.train;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.training.TrainingConfig;
import java.math.BigDecimal;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The settings form: backbone and epochs up front, the rest in a collapsed Advanced section. Plain TitledPanes and
 * Spinners rather than ControlsFX's PropertySheet, which needs bean adapters and was not checked under AtlantaFX.
 * Spinners are editable and commit on focus loss, so a typed value is not silently dropped.
 */
final class SettingsForm {

    private SettingsForm() {
    }

    static Node create(TrainSettings s, BackboneModel backbones) {
        ComboBox<BackboneDescriptor> backbone = BackbonePicker.combo(s);
        GridPane basic = grid();
        row(basic, 0, "Backbone", backbone, "The pretrained network whose features the classifier learns from");
        // A backbone's name ("MobileNet v1 0.75 (ImageNet, 224 px)") is wider than the column: the box spans the
        // form under its label (and shows the name without its parenthesis, BackbonePicker), never a cut one.
        basic.getChildren().remove(backbone);
        basic.add(backbone, 0, 1, 2, 1);
        basic.add(BackbonePicker.actions(s, backbones), 0, 2, 2, 1);
        Spinner<Integer> epochs = intSpinner(s.epochsProperty(), 1, 5000, 10);
        epochs.setId("epochs");
        BooleanBinding softmax = s.hiddenUnitsProperty().isEqualTo(0);
        lbfgsIgnores(row(basic, 3, "Epochs", epochs,
                "Upper bound; training stops early when validation loss stops improving"), epochs, softmax, null);
        TitledPane settings = new TitledPane("Settings", basic);
        settings.setCollapsible(false);

        GridPane more = grid();
        CheckBox search = new CheckBox("Automatic");
        search.setId("head-search");
        search.selectedProperty().bindBidirectional(s.headSearchProperty());
        row(more, 0, "Head settings", search, "Try hidden layer or none, L2, dropout and learning rate on held-out "
                + "images and keep the best (the values below are where the search starts); the run's details say "
                + "what it chose and why");
        Spinner<Double> learningRate = doubleSpinner(s.learningRateProperty(), 1e-5, 0.5, 1e-4);
        learningRate.setId("learning-rate");
        Tooltip rateTip = row(more, 1, "Learning rate", learningRate, "Adam's step size");
        Spinner<Integer> hidden = intSpinner(s.hiddenUnitsProperty(), 0, 4096, 32);
        row(more, 2, "Hidden layer", hidden, "Units in one hidden layer; 0 for a plain softmax on the features");
        Spinner<Double> dropout = doubleSpinner(s.dropoutProperty(), 0, 0.9, 0.05);
        Tooltip dropoutTip = row(more, 3, "Dropout", dropout, "Share of inputs dropped");
        hidden.disableProperty().bind(s.headSearchProperty());
        lbfgsIgnores(rateTip, learningRate, softmax, s.headSearchProperty());
        lbfgsIgnores(dropoutTip, dropout, softmax, s.headSearchProperty());
        row(more, 4, "Validation %", doubleSpinner(s.validationPercentProperty(), 0, 90, 5),
                "Images held out to measure the model (chosen by content, stable across runs)");
        row(more, 5, "Seed", intSpinner(s.seedProperty(), 0, Integer.MAX_VALUE, 1),
                "Same data, settings and seed give the same model");
        CheckBox weights = new CheckBox("Balance classes");
        weights.selectedProperty().bindBidirectional(s.classWeightsProperty());
        row(more, 6, "Class weights", weights, "Weigh rare classes up so every class counts as much");
        Spinner<Integer> augment = intSpinner(s.augmentationsProperty(), TrainingConfig.AUTO_AUGMENTATIONS,
                TrainingConfig.MAX_AUGMENTATIONS, 1);
        augment.setId("augmentations");
        autoBelowZero(augment);
        row(more, 7, "Augmentations", augment, "Altered copies (crop, flip, rotation) of each training image; "
                + "the first run with a new count extracts their features, later runs reuse them. Auto (the "
                + "default): " + TrainingConfig.AUTO_VARIANTS + " when the training split has " + TrainingConfig.AUTO_FROM
                + " to " + (TrainingConfig.AUTO_BELOW - 1) + " photos and the head is searched, kept only if they score better on "
                + "held-out photos (the run says which); else none");
        CheckBox colour = new CheckBox("Vary colours");
        colour.setId("augment-colour");
        colour.selectedProperty().bindBidirectional(s.augmentColourProperty());
        colour.disableProperty().bind(s.augmentationsProperty().isEqualTo(0));
        row(more, 8, "Colour", colour, "Also vary brightness, contrast and saturation; leave off where colour is what "
                + "tells the classes apart");
        fineTuneRow(more, 9, s);
        TitledPane advanced = new TitledPane(null, more);
        // What differs from the defaults shows while collapsed: nothing is applied unseen. A wrapping label as the
        // title's graphic, since the title's own text does not wrap: cut, it hid the change ("Advanced: fine-tune
        // last …") in the fixed-width column.
        Label title = new Label() {
            @Override
            protected double computePrefHeight(double width) {
                // The title bar asks with no width: answer for the width the label is given, so the bar grows.
                return super.computePrefHeight(width < 0 ? getPrefWidth() : width);
            }
        };
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            String changed = s.advancedChanges();
            return changed.isEmpty() ? "Advanced" : "Advanced: " + changed;
        }, s.all().toArray(javafx.beans.Observable[]::new)));
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.getStyleClass().add("advanced-title");
        // The pane's width less the arrow and the title's padding.
        title.prefWidthProperty().bind(advanced.widthProperty().subtract(48));
        advanced.setGraphic(title);
        // The tooltip names the changes too.
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> {
            String changed = s.advancedChanges();
            return "Settings that rarely need changing; a changed one shows in this title"
                    + (changed.isEmpty() ? "" : ". Changed: " + changed);
        }, s.all().toArray(javafx.beans.Observable[]::new)));
        // On the title only: on the whole pane it would cover every row's own tooltip (why a field is disabled).
        advanced.skinProperty().addListener((o, was, now) -> {
            Node bar = advanced.lookup(".title");
            if (bar != null) {
                Tooltip.install(bar, tip);
            }
        });
        // A long summary wraps rather than widening the pane past its column.
        advanced.setMinWidth(0);
        advanced.setExpanded(false);
        s.advancedShownProperty().bind(advanced.expandedProperty());
        advanced.setId("advanced-settings");
        return new VBox(6, settings, advanced);
    }

    /**
     * Fine-tune last blocks, 0 to 2: limited to what the chosen backbone can do (checked by loading it), disabled
     * with the reason in the tooltip when it can do none (or while that is being checked).
     */
    private static void fineTuneRow(GridPane more, int row, TrainSettings s) {
        Spinner<Integer> blocks = intSpinner(s.fineTuneBlocksProperty(), 0, TrainingConfig.MAX_FINE_TUNE_BLOCKS, 1);
        blocks.setId("fine-tune");
        Tooltip tip = row(more, row, "Fine-tune", blocks, ""); // a longer label cut the check boxes' text
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        String given = "The backbone's last blocks trained with the head (0: the head alone), on maps cached at the "
                + "cut below them: slower, worth it with many photos per class";
        tip.textProperty().bind(Bindings.createStringBinding(() -> {
            int can = s.fineTunableProperty().get();
            String why = s.fineTuneWhyProperty().get();
            return can < 0 ? "Checking whether this backbone can be fine-tuned…"
                    : can == 0 ? "This backbone cannot be fine-tuned: " + why
                    : can < TrainingConfig.MAX_FINE_TUNE_BLOCKS ? given + ". At most " + can + " here: " + why
                    : given;
        }, s.fineTunableProperty(), s.fineTuneWhyProperty()));
        blocks.disableProperty().bind(s.fineTunableProperty().lessThan(1));
        var factory = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) blocks.getValueFactory();
        s.fineTunableProperty().addListener((o, was, now) -> {
            factory.setMax(Math.max(0, Math.min(TrainingConfig.MAX_FINE_TUNE_BLOCKS, now.intValue() < 0
                    ? TrainingConfig.MAX_FINE_TUNE_BLOCKS : now.intValue())));
        });
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    /**
     * Disables a setting of Adam's fit while Hidden is 0 (and while {@code search}, when given, chooses it), and says
     * why in the tooltip, which stays readable on the row's label (a disabled control shows no tooltip): softmax
     * regression is fitted by L-BFGS to convergence, with no learning rate, dropout or epochs.
     */
    private static void lbfgsIgnores(Tooltip tip, Spinner<?> control, BooleanBinding softmax,
                                     javafx.beans.value.ObservableBooleanValue search) {
        String given = tip.getText();
        tip.textProperty().bind(Bindings.when(softmax).then("Not used with no hidden layer: softmax regression is "
                + "fitted by L-BFGS until it converges, with no learning rate, dropout or epochs").otherwise(given));
        control.disableProperty().bind(search == null ? softmax : softmax.or(search));
    }

    /** Adds a labelled row; the label and the control share one tooltip, which is returned. */
    private static Tooltip row(GridPane grid, int row, String name, javafx.scene.control.Control control,
                               String tip) {
        Label label = new Label(name);
        label.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip shared = new Tooltip(tip);
        label.setTooltip(shared);
        control.setTooltip(shared);
        control.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(control, javafx.scene.layout.Priority.ALWAYS);
        grid.addRow(row, label, control);
        return shared;
    }

    private static Spinner<Integer> intSpinner(IntegerProperty p, int min, int max, int step) {
        Spinner<Integer> sp = new Spinner<>(min, max, p.get(), step);
        sp.setEditable(true);
        sp.setPrefWidth(120);
        sp.getValueFactory().valueProperty().addListener((o, was, now) -> p.set(now));
        p.addListener((o, was, now) -> sp.getValueFactory().setValue(now.intValue()));
        commitOnFocusLoss(sp);
        return sp;
    }

    /** Shows {@link TrainingConfig#AUTO_AUGMENTATIONS}, the spinner's lowest value, as "Auto", and reads it back. */
    private static void autoBelowZero(Spinner<Integer> spinner) {
        StringConverter<Integer> text = new StringConverter<>() {
            @Override
            public String toString(Integer k) {
                return k == null ? "" : k == TrainingConfig.AUTO_AUGMENTATIONS ? "Auto" : k.toString();
            }

            @Override
            public Integer fromString(String t) {
                return t.trim().equalsIgnoreCase("auto") ? TrainingConfig.AUTO_AUGMENTATIONS : Integer.valueOf(t.trim());
            }
        };
        spinner.getValueFactory().setConverter(text);
        spinner.getEditor().setText(text.toString(spinner.getValue()));
    }

    private static Spinner<Double> doubleSpinner(DoubleProperty p, double min, double max, double step) {
        Spinner<Double> sp = new Spinner<>(min, max, p.get(), step);
        // The default converter rounds to two decimals: Adam's 0.003 showed as "0", and leaving the field parsed
        // that back, which set the smallest learning rate allowed.
        sp.getValueFactory().setConverter(new StringConverter<>() {
            @Override
            public String toString(Double value) {
                return value == null ? "" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
            }

            @Override
            public Double fromString(String text) {
                return Double.valueOf(text.trim().replace(',', '.'));
            }
        });
        sp.getEditor().setText(sp.getValueFactory().getConverter().toString(sp.getValue()));
        sp.setEditable(true);
        sp.setPrefWidth(120);
        sp.getValueFactory().valueProperty().addListener((o, was, now) -> p.set(now));
        p.addListener((o, was, now) -> sp.getValueFactory().setValue(now.doubleValue()));
        commitOnFocusLoss(sp);
        return sp;
    }

    private static void commitOnFocusLoss(Spinner<?> sp) {
        sp.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                try {
                    sp.increment(0);
                } catch (RuntimeException e) {
                    sp.getEditor().setText(String.valueOf(sp.getValue()));
                }
            }
        });
    }
}
