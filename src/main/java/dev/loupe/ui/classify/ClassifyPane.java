package dev.loupe.ui.classify;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.KeptExtractors;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.EditActions;
import dev.loupe.ui.common.ImageImporter;
import dev.loupe.ui.app.StudioApp;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.StudioPane;
import dev.loupe.ui.common.ThumbnailService;
import javafx.application.Platform;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Classify pane. The map job goes on the studio's queue (it can take a while and the status bar shows it);
 * classifying goes on a queue of the pane's own, so a dropped photo does not wait behind it. For demos and
 * screenshots, {@code -Dloupe.classify.model=FILE} picks a model and {@code -Dloupe.classify.open=FILE} classifies a
 * photo at start.
 */
public final class ClassifyPane implements StudioPane {

    private final ClassifyViewModel vm;
    private final ThumbnailService thumbnails;
    private ClassifyView view;

    public ClassifyPane(StudioContext context) {
        // A model given on the command line is for this run only: it must not replace the one the user chose.
        this(context, new EngineBackend(BackboneRegistry.standard(), KeptExtractors.studio()),
                System.getProperty("loupe.classify.model") == null ? ModelMemory.preferences() : ModelMemory.inMemory());
        String model = System.getProperty("loupe.classify.model");
        if (model != null && Files.isRegularFile(Path.of(model))) {
            vm.modelProperty().set(Path.of(model));
        }
        Path opened = StudioApp.initialModel();
        if (opened != null && Files.isRegularFile(opened)) {
            vm.modelProperty().set(opened);
        }
        String open = System.getProperty("loupe.classify.open");
        if (open != null) {
            vm.classify(List.of(Path.of(open)));
        }
    }

    ClassifyPane(StudioContext context, ClassifyBackend backend, ModelMemory memory) {
        this.vm = new ClassifyViewModel(context.jobs(), JobExecutor.background(), Platform::runLater, backend, memory);
        this.thumbnails = context.thumbnails();
        vm.setActive(false);
        context.dataset().addListener((o, was, now) -> vm.open(now));
        vm.open(context.dataset().getValue());
    }

    @Override public String title() { return "Classify"; }

    @Override public Ikon icon() { return MaterialDesignT.TAG_OUTLINE; }

    @Override
    public Node view() {
        if (view == null) {
            view = new ClassifyView(vm, thumbnails);
            // Shown again after training: pick up the run the Train pane selected.
            view.root().sceneProperty().addListener((o, was, now) -> {
                vm.setActive(now != null);
                if (now != null) {
                    vm.useSelectedRun();
                }
            });
        }
        return view.root();
    }

    ScatterView scatterView() {
        view();
        return view.scatter();
    }

    public ClassifyViewModel viewModel() {
        return vm;
    }

    /** Undo and Redo walk the dataset's one history (shared with Curate); Select All and Delete do not apply. */
    @Override
    public EditActions editActions() {
        return new EditActions() {
            @Override public void undo() { vm.undo(); }
            @Override public void redo() { vm.redo(); }
            @Override public void selectAll() { }
            @Override public void delete() { }
            @Override public ObservableBooleanValue canUndo() { return vm.canUndoProperty(); }
            @Override public ObservableBooleanValue canRedo() { return vm.canRedoProperty(); }
            @Override public ObservableBooleanValue canSelectAll() { return new SimpleBooleanProperty(false); }
            @Override public ObservableBooleanValue canDelete() { return new SimpleBooleanProperty(false); }
        };
    }

    @Override
    public ImageImporter imageImporter() {
        return vm::classify;
    }
}
