package dev.loupe.ui.curate;

import dev.loupe.engine.inbox.InboxPhoto;
import dev.loupe.engine.inbox.Suggestion;
import dev.loupe.engine.util.Plurals;
import dev.loupe.ui.common.ThumbnailService;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;

import java.nio.file.Path;

/**
 * The keyboard labelling view: the inbox photo shown large with the model's suggestion, the classes with their
 * numbers, and what each key does. Keys go to the {@link LabelLoop}; the photo is first the prefetched thumbnail
 * (at once), then the file itself, loaded in the background at screen size.
 */
final class LabelView {

    /** Retrain when no key came for this long (and labels were given since the last retrain). */
    static final Duration PAUSE = Duration.seconds(4);
    private static final int PREFETCH = 6;

    private final LabelLoop loop;
    private final CurateViewModel vm;
    private final Path root;
    private final ThumbnailService thumbnails;
    private final BorderPane pane = new BorderPane();
    private final ImageView photo = new ImageView();
    private final Label suggestion = new Label();
    private final Label marks = new Label();
    private final VBox keys = new VBox(2);
    private final PauseTransition pause = new PauseTransition(PAUSE);
    private Runnable release = () -> { };

    LabelView(LabelLoop loop, CurateViewModel vm, InboxModel inbox, ThumbnailService thumbnails, Runnable leave) {
        this.loop = loop;
        this.vm = vm;
        this.root = vm.root();
        this.thumbnails = thumbnails;
        pane.setId("label-view");
        pane.getStyleClass().add("label-view");
        pane.setFocusTraversable(true);

        Label left = new Label();
        left.setId("label-left");
        left.textProperty().bind(loop.leftProperty().map(n -> Plurals.of(n.intValue(), "photo") + " left"));
        left.getStyleClass().add("title-4");
        Label counter = new Label();
        counter.setId("label-counter");
        counter.textProperty().bind(Bindings.createStringBinding(() -> loop.labelledProperty().get()
                + " labelled this session" + (loop.rateProperty().get().isEmpty() ? "" : " · "
                + loop.rateProperty().get()), loop.labelledProperty(), loop.rateProperty()));
        Label status = new Label();
        status.textProperty().bind(inbox.statusProperty());
        status.getStyleClass().add("text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button done = new Button("Back to the grid (Esc)");
        done.setOnAction(e -> leave.run());
        done.setFocusTraversable(false);
        HBox top = new HBox(16, left, counter, status, spacer, done);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("label-top");
        // The counts and the way back keep their words; a long status (the load's warnings) is what gets cut: it
        // squeezed the counts to "…" while labelling 1,000 photos under Xvfb.
        for (Region r : new Region[] {left, counter, done}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        status.setMinWidth(0);

        photo.setPreserveRatio(true);
        photo.setSmooth(true);
        StackPane frame = new StackPane(photo);
        frame.getStyleClass().add("label-photo");
        frame.setMinSize(0, 0);
        photo.fitWidthProperty().bind(frame.widthProperty().subtract(24));
        photo.fitHeightProperty().bind(frame.heightProperty().subtract(24));
        suggestion.setId("label-suggestion");
        suggestion.getStyleClass().add("label-suggestion");
        marks.setId("label-marks");
        marks.getStyleClass().add("label-marks");
        VBox centre = new VBox(8, frame, suggestion, marks);
        VBox.setVgrow(frame, Priority.ALWAYS);
        centre.setAlignment(Pos.CENTER);
        centre.getStyleClass().add("label-centre");

        Label find = new Label();
        find.setId("label-find");
        find.textProperty().bind(loop.findProperty().map(f -> f.isEmpty() ? "Type to find a class" : "Find: " + f));
        find.getStyleClass().add("text-muted");
        VBox side = new VBox(10, keys, find);
        side.getStyleClass().add("label-keys");
        side.setPrefWidth(230);

        Label hint = new Label("Enter accept · 1–9 class · type a name to find one · Space or → skip · "
                + "Delete to the trash · Ctrl+Z undo · Esc back to the grid", new FontIcon(MaterialDesignK.KEYBOARD));
        hint.getStyleClass().addAll("text-muted", "label-hint");

        pane.setTop(top);
        pane.setCenter(centre);
        pane.setRight(side);
        pane.setBottom(hint);

        pause.setOnFinished(e -> loop.paused());
        pane.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (handle(e, leave)) {
                e.consume();
                pause.playFromStart();
            }
        });
        pane.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            String c = e.getCharacter();
            if (!e.isShortcutDown() && c.length() == 1 && Character.isLetter(c.charAt(0))) {
                loop.type(c);
                e.consume();
            }
        });
        loop.currentProperty().addListener((o, was, now) -> showPhoto());
        inbox.inboxProperty().addListener((o, was, now) -> describe());
        loop.findProperty().addListener((o, was, now) -> listKeys());
        vm.classes().addListener((ListChangeListener<ClassRow>) c -> listKeys());
        showPhoto();
    }

    BorderPane root() {
        return pane;
    }

    private boolean handle(KeyEvent e, Runnable leave) {
        KeyCode k = e.getCode();
        if (e.isShortcutDown()) {
            if (k == KeyCode.Z) {
                loop.undo();
                return true;
            }
            return false;
        }
        if (k.isDigitKey()) {
            int n = digit(k);
            if (n >= 1) {
                loop.assign(n);
            }
            return true;
        }
        switch (k) {
            case ENTER -> loop.accept();
            case SPACE, RIGHT -> loop.skip();
            case DELETE -> loop.trash();
            case BACK_SPACE -> loop.eraseFind(false);
            case ESCAPE -> {
                if (loop.findProperty().get().isEmpty()) {
                    leave.run();
                } else {
                    loop.eraseFind(true);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** 1-9 from the main row or the keypad; 0 for other digit keys. */
    private static int digit(KeyCode k) {
        String name = k.getName();
        char last = name.charAt(name.length() - 1);
        return Character.isDigit(last) ? last - '0' : 0;
    }

    private void showPhoto() {
        release.run();
        String path = loop.currentProperty().get();
        if (path == null) {
            photo.setImage(null);
            release = () -> { };
        } else {
            Path file = root.resolve(path);
            // The thumbnail at once (prefetched), then the photo itself at screen size, off the FX thread.
            release = thumbnails.show(file, photo);
            Image full = new Image(file.toUri().toString(), 1600, 1600, true, true, true);
            full.progressProperty().addListener((o, was, now) -> {
                if (now.doubleValue() >= 1 && !full.isError() && path.equals(loop.currentProperty().get())) {
                    photo.getProperties().remove(ThumbnailService.class);
                    photo.setImage(full);
                }
            });
            thumbnails.prefetch(loop.upcoming(PREFETCH).stream().map(root::resolve).toList());
        }
        describe();
    }

    /** The suggestion and the marks of the photo shown. */
    private void describe() {
        String path = loop.currentProperty().get();
        Suggestion s = loop.suggestion();
        InboxPhoto p = loop.photo();
        suggestion.getStyleClass().remove("low");
        if (path == null) {
            suggestion.setText("The inbox is empty: every photo has a label.");
        } else if (s == null) {
            suggestion.setText(p == null || p.suggestion() == null
                    ? "No suggestion yet: press a class's number (the model learns from your first labels)"
                    : "Suggested: " + p.suggestion().label() + ", which is no longer a class");
        } else {
            suggestion.setText(String.format("%s  ·  %.0f%%   —   Enter", s.label(), 100 * s.confidence()));
            if (s.lowConfidence()) {
                suggestion.getStyleClass().add("low");
            }
        }
        String m = (s != null && s.lowConfidence() ? "Low confidence. " : "")
                + (p != null && p.unfamiliar() ? "Looks like nothing labelled yet." : "");
        marks.setText(m.strip());
        listKeys();
    }

    /** The classes with their keys; the suggested one and the one typed so far stand out. */
    private void listKeys() {
        Suggestion s = loop.suggestion();
        String found = loop.found();
        var classes = vm.classes().stream().map(ClassRow::name).toList();
        keys.getChildren().clear();
        for (int i = 0; i < classes.size(); i++) {
            String name = classes.get(i);
            Label key = new Label((i < 9 ? String.valueOf(i + 1) : " ") + "   " + name);
            key.getStyleClass().add("label-key");
            if (found != null ? name.equals(found) : s != null && name.equals(s.label())) {
                key.getStyleClass().add("suggested");
            }
            keys.getChildren().add(key);
        }
    }
}
