package dev.loupe.ui.curate;

import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.EmptyState;
import dev.loupe.engine.util.Plurals;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

import java.util.function.Supplier;

/**
 * What Curate shows for a folder of photos with no class folders yet (it used to say "0 classes · 0 images" and
 * nothing else): how many images it found, why they are not used, and a way to start from them.
 */
final class LooseImages {

    private LooseImages() {
    }

    static Node emptyState(CurateViewModel vm, DatasetSession session, Supplier<CurateDialogs> dialogs) {
        VBox box = EmptyState.of(MaterialDesignI.IMAGE_MULTIPLE_OUTLINE,
                vm.looseProperty().map(n -> Plurals.of(n.intValue(), "image") + " here, but no classes yet"),
                new ReadOnlyStringWrapper("Loupe learns from one sub-folder of images per class, and “"
                        + session.name() + "” has its images lying loose. Put them in a first class, then make "
                        + "the others and drag each image where it belongs (every step can be undone)."));
        Button start = new Button("Put them in a new class…", new FontIcon(MaterialDesignF.FOLDER_MOVE_OUTLINE));
        start.setId("start-from-loose");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> dialogs.get().askName("New Class", "Name of the class to put the images in:",
                "unsorted").ifPresent(vm::putLooseInClass));
        box.getChildren().add(start);
        box.setId("loose-images");
        return box;
    }
}
