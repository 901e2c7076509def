package dev.loupe.ui.curate;

import dev.loupe.ui.common.EditActions;
import dev.loupe.ui.common.ImageImporter;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.StudioPane;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * The Curate pane of one dataset session: sort the dataset's images into classes. Its scans and edits run on a queue
 * of its own rather than the studio's compute queue: that queue also runs training, and a move must not wait minutes
 * behind an epoch loop.
 */
public final class CuratePane implements StudioPane {

    private final CurateViewModel vm;
    private final AuditViewModel audit;
    private final StudioContext context;
    private CurateView view;

    public CuratePane(StudioContext context) {
        this(context, AuditFeatures.standard());
    }

    CuratePane(StudioContext context, AuditFeatures features) {
        this.context = context;
        this.vm = new CurateViewModel(context.session());
        this.audit = new AuditViewModel(vm, context.session(), features);
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new CurateView(vm, audit, context.session());
            // Other panes edit through the same DatasetEditor, and the watcher ignores Loupe's own changes: when the
            // pane is shown again, read the history (Undo/Redo states) and the folder afresh.
            view.root().sceneProperty().addListener((o, was, now) -> {
                if (now != null) {
                    vm.refreshHistory();
                    vm.rescan();
                }
            });
        }
        return view.root();
    }

    public CurateViewModel viewModel() {
        return vm;
    }

    public AuditViewModel auditViewModel() {
        return audit;
    }

    @Override
    public EditActions editActions() {
        return new EditActions() {
            @Override public void undo() { vm.undo(); }
            @Override public void redo() { vm.redo(); }
            @Override public void selectAll() { vm.selectAll(); }
            @Override public void delete() { vm.deleteSelection(); }
            @Override public ObservableBooleanValue canUndo() { return vm.canUndoProperty(); }
            @Override public ObservableBooleanValue canRedo() { return vm.canRedoProperty(); }
            @Override public ObservableBooleanValue canSelectAll() { return Bindings.isNotEmpty(vm.images()); }
            @Override public ObservableBooleanValue canDelete() { return Bindings.isNotEmpty(vm.selection()); }
        };
    }

    @Override
    public ImageImporter imageImporter() {
        return files -> vm.importFiles(files, null, false);
    }
}
