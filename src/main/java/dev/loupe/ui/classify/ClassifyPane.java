package dev.loupe.ui.classify;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.KeptExtractors;
import dev.loupe.ui.common.EditActions;
import dev.loupe.ui.common.ImageImporter;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.StudioPane;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import org.slf4j.LoggerFactory;

/**
 * The Classify pane of one dataset session. The map job goes on the studio's compute queue (it can take a while and
 * the status bar shows it); classifying goes on a queue of the pane's own, so a dropped photo does not wait behind it.
 */
public final class ClassifyPane implements StudioPane {

    private final ClassifyViewModel vm;
    private final AutoCloseable backendHandle;
    private ClassifyView view;

    public ClassifyPane(StudioContext context) {
        this(context, new EngineBackend(BackboneRegistry.standard(), KeptExtractors.studio()));
    }

    ClassifyPane(StudioContext context, ClassifyBackend backend) {
        this.vm = new ClassifyViewModel(context.session(), context.session().queue("classify"), backend);
        this.backendHandle = backend instanceof AutoCloseable c ? c : () -> { };
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new ClassifyView(vm, vm.session().thumbnails());
            view.root().sceneProperty().addListener((o, was, now) -> vm.setActive(now != null));
            vm.setActive(view.root().getScene() != null);
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

    /** Stops the map poller and lets go of the loaded network (the session cancels the jobs). */
    @Override
    public void close() {
        if (view != null) {
            view.close();
        }
        // Off the FX thread: closing waits for a classification still running on the network.
        Thread closer = new Thread(() -> {
            try {
                backendHandle.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(ClassifyPane.class).debug("Closing the classifier: {}", e.toString());
            }
        }, "loupe-close-classifier");
        closer.setDaemon(true);
        closer.start();
    }
}
