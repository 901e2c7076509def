package dev.loupe.ui.curate;

import dev.loupe.ui.common.EditActions;
import dev.loupe.ui.common.ImageImporter;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.StudioPane;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

import java.util.function.LongSupplier;

/**
 * The Curate pane of one dataset session: sort the dataset's images into classes. Its scans and edits run on a queue
 * of its own rather than the studio's compute queue: that queue also runs training, and a move must not wait minutes
 * behind an epoch loop.
 */
public final class CuratePane implements StudioPane {

    private final CurateViewModel vm;
    private final AuditViewModel audit;
    private final InboxModel inbox;
    private final LabelLoop loop;
    private final StudioContext context;
    private CurateView view;

    public CuratePane(StudioContext context) {
        this(context, AuditFeatures.standard(), InboxSource.standard(), System::currentTimeMillis);
    }

    CuratePane(StudioContext context, AuditFeatures features) {
        this(context, features, InboxSource.none(), System::currentTimeMillis);
    }

    CuratePane(StudioContext context, AuditFeatures features, InboxSource source, LongSupplier millis) {
        this.context = context;
        this.vm = new CurateViewModel(context.session());
        this.audit = new AuditViewModel(vm, context.session(), features);
        this.inbox = new InboxModel(context.session(), source);
        this.loop = new LabelLoop(vm, inbox, millis);
        vm.orderInboxBy(inbox::sort);
        inbox.inboxProperty().addListener((o, was, now) -> vm.orderInboxBy(inbox::sort));
        inbox.orderProperty().addListener((o, was, now) -> vm.orderInboxBy(inbox::sort));
        inbox.anchorProperty().addListener((o, was, now) -> vm.orderInboxBy(inbox::sort));
        // Suggestions are loaded when the inbox is shown and holds photos the last load did not know (just added).
        Runnable load = () -> {
            var s = vm.snapshotProperty().get();
            if (vm.inboxShownProperty().get() && s != null && !s.looseImages().isEmpty()) {
                inbox.refreshFor(s.looseImages());
            }
        };
        vm.snapshotProperty().addListener((o, was, now) -> load.run());
        vm.inboxShownProperty().addListener((o, was, now) -> load.run());
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new CurateView(vm, audit, context.session(), inbox, loop);
            // Other panes edit through the same DatasetEditor, and the watcher ignores Loupe's own changes: when the
            // pane is shown again, read the history (Undo/Redo states) and the folder afresh. Not when first shown:
            // the open job has just done both, and a second scan would replace the first before the grid showed it
            // (at 100,000 photos that doubled the wait for the first screen).
            boolean[] shownBefore = {false};
            view.root().sceneProperty().addListener((o, was, now) -> {
                if (now != null && !shownBefore[0]) {
                    shownBefore[0] = true;
                } else if (now != null) {
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

    InboxModel inboxModel() {
        return inbox;
    }

    LabelLoop labelLoop() {
        return loop;
    }

    @Override
    public EditActions editActions() {
        return new EditActions() {
            // While labelling, Edit › Undo is the loop's: it also shows the photo it puts back.
            @Override public void undo() {
                if (loop.activeProperty().get()) {
                    loop.undo();
                } else {
                    vm.undo();
                }
            }
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
