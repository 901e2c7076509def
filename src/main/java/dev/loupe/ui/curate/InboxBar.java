package dev.loupe.ui.curate;

import dev.loupe.engine.inbox.Inbox;
import dev.loupe.engine.inbox.InboxOrder;
import dev.loupe.engine.util.Plurals;
import dev.loupe.ui.common.ThumbnailService;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The line above the grid while it shows the inbox: how many photos wait for a label, the order they are shown in,
 * and the ways to label them. A folder of unsorted photos opens here (issue 17 offered to put them all in one class;
 * now they wait in the inbox).
 */
final class InboxBar {

    private InboxBar() {
    }

    static HBox create(CurateViewModel vm, InboxModel inbox, LabelLoop loop, Supplier<CurateDialogs> dialogs,
                       ThumbnailService thumbnails) {
        Label text = new Label();
        text.setId("inbox-hint");
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.looseProperty().get();
            String waiting = n == 0 ? "The inbox is empty" : Plurals.of(n, "photo") + (n == 1 ? " waits" : " wait")
                    + " for a label";
            return vm.classes().isEmpty()
                    ? waiting + ". Make a class for each kind of photo, then label them."
                    : waiting + ".";
        }, vm.looseProperty(), vm.classes()));
        text.getStyleClass().add("text-muted");
        text.setWrapText(true);
        text.setMinWidth(160);
        HBox.setHgrow(text, Priority.ALWAYS);

        ComboBox<InboxOrder> order = new ComboBox<>();
        order.getItems().setAll(InboxOrder.UNCERTAIN_DIVERSE, InboxOrder.UNCERTAIN, InboxOrder.CONFIDENT, InboxOrder.CLASS, InboxOrder.SIMILAR);
        order.setId("inbox-order");
        order.setConverter(new StringConverter<>() {
            @Override public String toString(InboxOrder o) { return o == null ? "" : name(o); }
            @Override public InboxOrder fromString(String s) { return null; }
        });
        order.setButtonCell(new ListCell<>() {
            @Override protected void updateItem(InboxOrder o, boolean empty) {
                super.updateItem(o, empty);
                setText(empty || o == null ? "" : name(o));
            }
        });
        order.valueProperty().bindBidirectional(inbox.orderProperty());
        order.setTooltip(new Tooltip("The order the inbox's photos are shown and labelled in. Similar to: select "
                + "a photo first"));
        // "Similar to the selected photo" takes the photo selected in the grid as its anchor.
        order.valueProperty().addListener((o, was, now) -> {
            if (now == InboxOrder.SIMILAR && vm.anchor() != null) {
                inbox.anchorProperty().set(vm.anchor());
            }
        });

        Button newClass = new Button("New class…", new FontIcon(MaterialDesignF.FOLDER_PLUS_OUTLINE));
        newClass.setId("start-from-loose");
        newClass.setOnAction(e -> dialogs.get().askName("New Class", "Name of the new class:", "")
                .ifPresent(vm::makeClass));
        Button label = new Button("Label (L)", new FontIcon(MaterialDesignK.KEYBOARD));
        label.setId("label-start");
        label.getStyleClass().add("accent");
        label.setTooltip(new Tooltip("Label with the keyboard, one photo at a time, large: Enter accepts the suggestion, "
                + "1-9 pick a class"));
        label.disableProperty().bind(Bindings.isEmpty(vm.classes()).or(vm.looseProperty().isEqualTo(0)));
        label.setOnAction(e -> loop.start());
        Button accept = new Button("Accept…", new FontIcon(MaterialDesignC.CHECK_ALL));
        accept.setId("bulk-accept");
        accept.setTooltip(new Tooltip("Accept all suggestions at or above a confidence: shows how many photos per "
                + "class move and the expected error rate first; one Undo puts them back"));
        accept.visibleProperty().bind(Bindings.createBooleanBinding(() -> inbox.inboxProperty().get() != null
                && inbox.inboxProperty().get().hasModel(), inbox.inboxProperty()));
        accept.managedProperty().bind(accept.visibleProperty());
        accept.disableProperty().bind(vm.looseProperty().isEqualTo(0));
        accept.setOnAction(e -> BulkDialog.create(accept.getScene().getWindow(), current(vm, inbox)).showAndWait()
                .ifPresent(vm::acceptSuggestions));
        // Without a model there is nothing to accept; photos can still be labelled a group at a time.
        Button group = new Button("Group…", new FontIcon(MaterialDesignG.GROUP));
        group.setId("group-similar");
        group.setTooltip(new Tooltip("Group similar: groups the inbox's photos by similarity (one group per class) so that a whole "
                + "group can be labelled at once; one Undo puts them back"));
        group.visibleProperty().bind(Bindings.createBooleanBinding(() -> inbox.inboxProperty().get() != null
                && !inbox.inboxProperty().get().hasModel(), inbox.inboxProperty()));
        group.managedProperty().bind(group.visibleProperty());
        group.disableProperty().bind(Bindings.size(vm.classes()).lessThan(2).or(vm.looseProperty().lessThan(2)));
        group.setOnAction(e -> {
            var snapshot = vm.snapshotProperty().get();
            if (snapshot != null) {
                inbox.group(snapshot.looseImages(), groups -> GroupDialog.create(group.getScene().getWindow(),
                        groups, snapshot.classes(), snapshot.root(), thumbnails).showAndWait()
                        .ifPresent(vm::labelGroups));
            }
        });
        HBox bar = new HBox(10, text, order, newClass, group, accept, label);
        // The controls keep their words at 1200 px; the count beside them wraps instead.
        for (var n : java.util.List.of(order, newClass, group, accept, label)) {
            n.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("inbox-bar");
        bar.setId("inbox-bar");
        return bar;
    }

    /** The loaded inbox less the photos labelled since it loaded (the folder as scanned now decides). */
    private static Inbox current(CurateViewModel vm, InboxModel model) {
        Inbox in = model.inboxProperty().get();
        var snapshot = vm.snapshotProperty().get();
        if (snapshot == null) {
            return in;
        }
        Set<String> loose = Set.copyOf(snapshot.looseImages());
        return new Inbox(in.root(), in.backboneId(), in.classes(), in.photos().stream()
                .filter(p -> loose.contains(p.path())).toList(), in.labels(), in.runId(), in.calibration(),
                in.labelled(), in.warnings());
    }

    static String name(InboxOrder o) {
        return switch (o) {
            case UNCERTAIN -> "Most uncertain first";
            case UNCERTAIN_DIVERSE -> "Most uncertain, spread out";
            case CONFIDENT -> "Most confident first";
            case CLASS -> "By suggested class";
            case SIMILAR -> "Similar to the selected photo";
        };
    }
}
