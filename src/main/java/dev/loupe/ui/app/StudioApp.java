package dev.loupe.ui.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The studio window: three panes, Curate, Train and Classify. */
public final class StudioApp extends Application {

    private static volatile Path initialDataset;

    /** Opens the studio on a dataset folder, or on the last/sample dataset when {@code dataset} is null. */
    public static void open(Path dataset) {
        initialDataset = dataset;
        Application.launch(StudioApp.class);
    }

    @Override
    public void start(Stage stage) {
        TabPane panes = new TabPane(
                pane("Curate"), pane("Train"), pane("Classify"));
        panes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        stage.setTitle("Loupe" + (initialDataset == null ? "" : " — " + initialDataset.getFileName()));
        stage.setScene(new Scene(panes, 1200, 800));
        stage.show();
    }

    private static Tab pane(String name) {
        return new Tab(name, new Label(name));
    }
}
