package dev.loupe.ui.curate;

import dev.loupe.engine.inbox.InboxGroups;
import dev.loupe.engine.util.Plurals;
import dev.loupe.ui.common.DialogKeys;
import dev.loupe.ui.common.ThumbnailService;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Group similar", before any model exists: the inbox in groups of similar photos ({@link InboxGroups}, k-means on
 * the cached features), each shown by the photos nearest its centre, with a class to give the whole group. Its result
 * is the photos per chosen class, which the pane moves as one edit; groups left without a class stay in the inbox.
 */
final class GroupDialog {

    static final String LEAVE = "Leave in the inbox";
    private static final int SHOWN = 8;
    private static final double SIDE = 56;

    private GroupDialog() {
    }

    static Dialog<Map<String, List<String>>> create(Window owner, List<InboxGroups.Group> groups,
                                                    List<String> classes, Path root, ThumbnailService thumbnails) {
        Dialog<Map<String, List<String>>> d = new Dialog<>();
        ButtonType label = new ButtonType("Label", ButtonBar.ButtonData.OK_DONE);
        Button ok = withCountedAction(d, owner, "Group Similar Photos", label, "group-label");
        VBox rows = new VBox(10);
        List<ComboBox<String>> choices = new ArrayList<>();
        Runnable update = () -> {
            int n = 0;
            for (int i = 0; i < groups.size(); i++) {
                n += LEAVE.equals(choices.get(i).getValue()) ? 0 : groups.get(i).paths().size();
            }
            ok.setText("Label " + Plurals.of(n, "photo"));
            ok.setDisable(n == 0);
        };
        for (int i = 0; i < groups.size(); i++) {
            InboxGroups.Group g = groups.get(i);
            HBox strip = new HBox(4);
            for (String p : g.paths().subList(0, Math.min(SHOWN, g.paths().size()))) {
                ImageView view = new ImageView();
                view.setFitWidth(SIDE);
                view.setFitHeight(SIDE);
                view.setPreserveRatio(true);
                thumbnails.show(root.resolve(p), view);
                strip.getChildren().add(view);
            }
            ComboBox<String> choice = new ComboBox<>();
            choice.getItems().add(LEAVE);
            choice.getItems().addAll(classes);
            choice.setValue(LEAVE);
            choice.setId("group-class-" + i);
            // The class is what the row is for: it keeps its width, the thumbnails give way.
            choice.setPrefWidth(190);
            choice.setMinWidth(Region.USE_PREF_SIZE);
            choice.valueProperty().addListener((o, was, now) -> update.run());
            choices.add(choice);
            Label count = new Label("Group " + (i + 1) + " · " + Plurals.of(g.paths().size(), "photo"));
            count.setId("group-count-" + i);
            count.setPrefWidth(150);
            count.setMinWidth(Region.USE_PREF_SIZE);
            strip.setMinWidth(0);
            HBox row = new HBox(12, count, choice, strip);
            row.setAlignment(Pos.CENTER_LEFT);
            rows.getChildren().add(row);
        }
        update.run();
        Label hint = new Label("Photos grouped by what the backbone sees in them, most typical first. Give a group "
                + "a class to label all its photos; one Undo puts them back.");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefViewportHeight(Math.min(440, groups.size() * (SIDE + 10)));
        VBox content = new VBox(10, hint, scroll);
        content.setId("group-dialog");
        d.getDialogPane().setContent(content);
        d.getDialogPane().setPrefWidth(880);
        d.getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        d.setResultConverter(b -> {
            if (b != label) {
                return null;
            }
            Map<String, List<String>> byClass = new LinkedHashMap<>();
            for (int i = 0; i < groups.size(); i++) {
                String c = choices.get(i).getValue();
                if (!LEAVE.equals(c)) {
                    byClass.computeIfAbsent(c, k -> new ArrayList<>()).addAll(groups.get(i).paths());
                }
            }
            return byClass;
        });
        return DialogKeys.closeOnRelease(d);
    }

    /**
     * Sets up an inbox dialog with Cancel and {@code action}, whose text the caller grows with a count ("Move 1,234
     * photos"): the button grows with it rather than cutting it. The Accept and Group dialogs share this.
     */
    static Button withCountedAction(Dialog<?> d, Window owner, String title, ButtonType action, String id) {
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(null);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, action);
        Button ok = (Button) d.getDialogPane().lookupButton(action);
        ok.setId(id);
        ButtonBar.setButtonUniformSize(ok, false);
        ok.setMinWidth(Region.USE_PREF_SIZE);
        return ok;
    }
}
