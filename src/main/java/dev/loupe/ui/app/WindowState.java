package dev.loupe.ui.app;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts the window back where the user left it and remembers where that is. While maximised, the stage reports the
 * screen's bounds, so the last un-maximised bounds are tracked separately and saved instead.
 */
final class WindowState {

    private final Stage stage;
    private final StudioPrefs prefs;
    private double x = Double.NaN;
    private double y = Double.NaN;
    private double width;
    private double height;

    private WindowState(Stage stage, StudioPrefs prefs) {
        this.stage = stage;
        this.prefs = prefs;
    }

    /** Restores the saved bounds (when they still touch a screen: a monitor may have been unplugged) and tracks them. */
    static void manage(Stage stage, StudioPrefs prefs, double defaultWidth, double defaultHeight) {
        WindowState state = new WindowState(stage, prefs);
        stage.setWidth(defaultWidth);
        stage.setHeight(defaultHeight);
        prefs.window().filter(WindowState::onSomeScreen).ifPresent(b -> {
            stage.setX(b.x());
            stage.setY(b.y());
            stage.setWidth(b.width());
            stage.setHeight(b.height());
            stage.setMaximized(b.maximized());
        });
        stage.xProperty().addListener((o, was, now) -> state.remember());
        stage.yProperty().addListener((o, was, now) -> state.remember());
        stage.widthProperty().addListener((o, was, now) -> state.remember());
        stage.heightProperty().addListener((o, was, now) -> state.remember());
        stage.setOnHidden(e -> state.save());
    }

    private void remember() {
        if (!stage.isMaximized() && !stage.isIconified()) {
            x = stage.getX();
            y = stage.getY();
            width = stage.getWidth();
            height = stage.getHeight();
        }
    }

    private void save() {
        if (!Double.isNaN(x) && width > 0 && height > 0) {
            prefs.setWindow(new WindowBounds(x, y, width, height, stage.isMaximized()));
            prefs.flush();
        }
    }

    private static boolean onSomeScreen(WindowBounds b) {
        return !Screen.getScreensForRectangle(new Rectangle2D(b.x(), b.y(), b.width(), b.height())).isEmpty();
    }
}
