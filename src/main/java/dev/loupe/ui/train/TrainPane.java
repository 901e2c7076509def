package dev.loupe.ui.train;

import dev.loupe.ui.common.EditActions;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.StudioPane;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * The Train pane of one dataset session. Training runs on the studio's compute queue (so the status bar shows it and
 * it goes on while another pane is shown); history reads, exports and image moves run on a queue of the pane's own.
 */
public final class TrainPane implements StudioPane {

    private final TrainViewModel vm;
    private TrainView view;

    public TrainPane(StudioContext context) {
        this(context, TrainServices.defaults());
    }

    public TrainPane(StudioContext context, TrainServices services) {
        this.vm = new TrainViewModel(context.session(), services);
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new TrainView(vm, vm.session().thumbnails());
            // Another pane may have edited or undone since: read the Undo and Redo states when shown again.
            view.root().sceneProperty().addListener((o, was, now) -> {
                if (now != null) {
                    vm.evaluation().refreshHistory();
                }
            });
        }
        return view.root();
    }

    public TrainViewModel viewModel() {
        return vm;
    }

    /**
     * Undo and Redo walk the dataset's history, as in the other panes (an image moved from the evaluation is the
     * edit made here); Select All and Delete do not apply.
     */
    @Override
    public EditActions editActions() {
        ObservableBooleanValue no = Bindings.createBooleanBinding(() -> false);
        return new EditActions() {
            @Override public void undo() { vm.evaluation().undo(); }
            @Override public void redo() { vm.evaluation().redo(); }
            @Override public void selectAll() { }
            @Override public void delete() { }
            @Override public ObservableBooleanValue canUndo() { return vm.evaluation().canUndoProperty(); }
            @Override public ObservableBooleanValue canRedo() { return vm.evaluation().canRedoProperty(); }
            @Override public ObservableBooleanValue canSelectAll() { return no; }
            @Override public ObservableBooleanValue canDelete() { return no; }
        };
    }

    @Override
    public void close() {
        if (view != null) {
            view.close();
        }
    }
}
