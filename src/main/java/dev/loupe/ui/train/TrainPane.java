package dev.loupe.ui.train;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.EditActions;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.StudioPane;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;

import java.util.concurrent.Executor;

/**
 * The Train pane. Training runs on the studio's shared queue (so the status bar shows it and it goes on while another
 * pane is shown); history reads, exports and image moves run on a small queue of the pane's own.
 */
public final class TrainPane implements StudioPane {

    private final TrainViewModel vm;
    private final StudioContext context;
    private TrainView view;

    public TrainPane(StudioContext context) {
        this(context, TrainServices.defaults(), JobExecutor.background(), Platform::runLater);
    }

    public TrainPane(StudioContext context, TrainServices services, JobExecutor io, Executor fx) {
        this.context = context;
        this.vm = new TrainViewModel(context.jobs(), io, fx, services);
        context.dataset().addListener((o, was, now) -> vm.open(now));
        vm.open(context.dataset().getValue());
    }

    @Override public String title() { return "Train"; }

    @Override public Ikon icon() { return MaterialDesignB.BRAIN; }

    @Override
    public Node view() {
        if (view == null) {
            view = new TrainView(vm, context.thumbnails());
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
}
