package dev.loupe.ui.app;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/**
 * A band above the panes until the user closes it: what to do first, in three steps, each a button that shows its
 * pane. A new user otherwise meets a grid of photos and no word about what comes next.
 */
final class FirstRunGuide {

    static final String[][] STEPS = {
        {"1  Curate", "a folder per class"},
        {"2  Train", "press Train"},
        {"3  Classify", "drop a new photo"},
    };

    private FirstRunGuide() {
    }

    /** The band; shown while {@link StudioViewModel#guideShownProperty()} is true. */
    static Node create(StudioViewModel vm) {
        HBox band = new HBox(12);
        band.setId("first-run-guide");
        band.getStyleClass().add("first-run-guide");
        band.setAlignment(Pos.CENTER_LEFT);
        Label lead = new Label("Getting started:", new FontIcon(MaterialDesignL.LIGHTBULB_ON_OUTLINE));
        lead.getStyleClass().add("text-bold");
        lead.setMinWidth(Region.USE_PREF_SIZE);
        band.getChildren().add(lead);
        for (int i = 0; i < STEPS.length; i++) {
            int pane = i;
            Button step = new Button(STEPS[i][0] + ": " + STEPS[i][1]);
            step.getStyleClass().addAll("flat", "guide-step");
            step.setMinWidth(Region.USE_PREF_SIZE);
            step.setOnAction(e -> vm.selectedPaneProperty().set(pane));
            band.getChildren().add(step);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.setId("dismiss-guide");
        close.getStyleClass().addAll("button-icon", "flat");
        close.setTooltip(new Tooltip("Hide this guide (Help › Getting Started shows it again)"));
        close.setOnAction(e -> vm.guideShownProperty().set(false));
        band.getChildren().addAll(spacer, close);
        band.visibleProperty().bind(vm.guideShownProperty());
        band.managedProperty().bind(band.visibleProperty());
        return band;
    }
}
