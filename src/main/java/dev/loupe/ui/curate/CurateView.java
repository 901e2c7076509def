package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.ui.common.Choosers;
import dev.loupe.ui.common.EmptyState;
import dev.loupe.engine.util.Plurals;
import dev.loupe.ui.common.ThumbnailService;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.GridView;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

import java.io.File;
import java.util.List;
import java.util.function.Supplier;

/** Lays out the pane: header, class panel, thumbnail grid (or an empty state) and a status line. Binds only. */
final class CurateView {

    private final CurateViewModel vm;
    private final BorderPane root = new BorderPane();
    private final GridView<ImageEntry> grid;
    /** Where the grid or an empty state shows. */
    private final StackPane centre = new StackPane();
    private final Slider zoom = new Slider(80, 320, 150);
    private static final double ZOOM_STEP = 30;

    private final AuditViewModel audit;
    /** Whether the inbox's bar shows; a field, since a binding only its own listener holds may be collected. */
    private final BooleanBinding barShown;
    private final DatasetSession session;

    CurateView(CurateViewModel vm, AuditViewModel audit, DatasetSession session, InboxModel inbox, LabelLoop loop) {
        this.session = session;
        ThumbnailService loader = session.thumbnails();
        this.vm = vm;
        this.audit = audit;
        grid = new GridView<>(vm.images());
        grid.setId("thumbnail-grid");
        grid.setCellFactory(g -> new ThumbnailCell(vm, loader, this::preview, inbox));
        grid.cellWidthProperty().bind(zoom.valueProperty());
        grid.cellHeightProperty().bind(zoom.valueProperty().add(24));
        grid.setHorizontalCellSpacing(6);
        grid.setVerticalCellSpacing(6);
        grid.setSkin(new FixedRowGridSkin<>(grid));
        grid.setFocusTraversable(true);
        grid.setOnMouseClicked(e -> grid.requestFocus());
        grid.setOnKeyPressed(e -> {
            int columns = Math.max(1, (int) ((grid.getWidth() - 16) / (zoom.getValue() + 12)));
            switch (e.getCode()) {
                case LEFT -> vm.step(-1, e.isShiftDown());
                case RIGHT -> vm.step(1, e.isShiftDown());
                case UP -> vm.step(-columns, e.isShiftDown());
                case DOWN -> vm.step(columns, e.isShiftDown());
                case ENTER -> vm.images().stream().filter(i -> i.relativePath().equals(vm.anchor())).findFirst()
                        .ifPresent(this::preview);
                case L -> {
                    if (!vm.inboxShownProperty().get() || vm.classes().isEmpty()) {
                        return;
                    }
                    loop.start();
                }
                default -> { return; }
            }
            e.consume();
        });
        // Files dropped on the grid go into the class it shows.
        grid.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && (vm.selectedClassProperty().get() != null
                    || vm.inboxShownProperty().get())) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                e.consume();
            }
        });
        grid.setOnDragDropped(e -> {
            vm.importFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList(), null,
                    e.getTransferMode() == TransferMode.MOVE);
            e.setDropCompleted(true);
            e.consume();
        });

        // Each empty state is made when first shown: most sessions never show most of them, and making them all
        // (icon fonts, labels) was part of the FX thread's work before the first screen (docs/benchmarks.md,
        // Curate with 100,000 images).
        Supplier<Node> noClasses = once(() -> EmptyState.of(MaterialDesignF.FOLDER_PLUS_OUTLINE, "No classes yet",
                "Make a class with the + button, or add class folders to “" + session.name()
                        + "” in your file manager."));
        Supplier<Node> emptyClass = once(() -> EmptyState.of(MaterialDesignI.IMAGE_PLUS, "This class has no images",
                "Drag images or folders here from your file manager, or use File › Import Images…"));
        Supplier<Node> emptyFinding = once(() -> EmptyState.of(MaterialDesignC.CHECK_CIRCLE_OUTLINE,
                "Nothing left here",
                "The images of this finding were moved or deleted. Clear the filter to see the class again."));
        centre.getStyleClass().add("curate-centre");
        Supplier<Node> emptyInbox = once(() -> EmptyState.of(MaterialDesignI.INBOX_ARROW_DOWN_OUTLINE,
                "The inbox is empty", "Photos lying directly in “" + session.name() + "” wait here for a label. "
                        + "Drag photos or folders here from your file manager, or use Import…."));
        // The inbox's bar and the labelling view too: a dataset of classes may never show them, and hidden nodes in
        // the scene still have their CSS applied in the first pulse.
        Supplier<LabelView> labelling = once(() -> new LabelView(loop, vm, inbox, loader, () -> {
            loop.stop();
            grid.requestFocus();
        }));
        Runnable swap = () -> centre.getChildren().setAll(loop.activeProperty().get() ? labelling.get().root()
                : !vm.images().isEmpty() ? grid
                : vm.filterProperty().get() != null ? emptyFinding.get()
                : vm.inboxShownProperty().get() ? emptyInbox.get()
                : vm.classes().isEmpty() ? noClasses.get() : emptyClass.get());
        vm.classes().addListener((ListChangeListener<ClassRow>) c -> swap.run());
        vm.images().addListener((ListChangeListener<ImageEntry>) c -> swap.run());
        vm.images().addListener((ListChangeListener<ImageEntry>) c -> prefetchFirstScreen(loader));
        vm.filterProperty().addListener((o, was, now) -> swap.run());
        vm.inboxShownProperty().addListener((o, was, now) -> swap.run());
        loop.activeProperty().addListener((o, was, now) -> {
            swap.run();
            if (now) {
                labelling.get().root().requestFocus();
            }
        });
        // Choosing a class or a finding leaves the labelling view.
        vm.inboxShownProperty().addListener((o, was, now) -> {
            if (!now && loop.activeProperty().get()) {
                loop.stop();
            }
        });
        swap.run();
        centre.setOnDragOver(grid.getOnDragOver());
        centre.setOnDragDropped(grid.getOnDragDropped());

        root.setTop(header(session));
        // Ctrl+- and Ctrl++ (or Ctrl+=, the same key without Shift) change the thumbnail size, as in browsers.
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown()) {
                return;
            }
            if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
                zoom.setValue(zoom.getValue() - ZOOM_STEP);
                e.consume();
            } else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
                zoom.setValue(zoom.getValue() + ZOOM_STEP);
                e.consume();
            }
        });
        root.setLeft(ClassPanel.create(vm, () -> CurateDialogs.fx(root)));
        VBox.setVgrow(centre, Priority.ALWAYS);
        VBox middle = new VBox(AuditPanel.chip(vm, audit), centre);
        barShown = vm.inboxShownProperty().and(vm.filterProperty().isNull()).and(loop.activeProperty().not());
        Supplier<Node> inboxBar = once(() -> {
            Node bar = InboxBar.create(vm, inbox, loop, () -> CurateDialogs.fx(root), loader);
            bar.visibleProperty().bind(barShown);
            bar.managedProperty().bind(bar.visibleProperty());
            middle.getChildren().add(1, bar);
            return bar;
        });
        barShown.addListener((o, was, now) -> {
            if (now) {
                inboxBar.get();
            }
        });
        if (barShown.get()) {
            inboxBar.get();
        }
        root.setCenter(middle);
        root.setRight(AuditPanel.findings(audit));
        root.setBottom(statusLine());
        root.getStyleClass().addAll("studio-pane", "curate");
        root.setId("pane-curate");
        root.getStylesheets().add(CurateView.class.getResource("/loupe/ui/curate.css").toExternalForm());
    }

    /** {@code make} run on the first call only; later calls give the same node. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        List<T> made = new java.util.ArrayList<>(1);
        return () -> {
            if (made.isEmpty()) {
                made.add(make.get());
            }
            return made.get(0);
        };
    }

    BorderPane root() {
        return root;
    }

    private Node header(DatasetSession session) {
        Label heading = new Label("Curate", new FontIcon(MaterialDesignI.IMAGE_MULTIPLE_OUTLINE));
        heading.getStyleClass().add("title-2");
        Label chip = new Label();
        chip.setGraphic(new FontIcon(MaterialDesignF.FOLDER_IMAGE));
        chip.setText(session.name());
        chip.getStyleClass().add("dataset-chip");
        Label summary = new Label();
        summary.setId("curate-summary");
        summary.getStyleClass().add("text-muted");
        summary.textProperty().bind(Bindings.createStringBinding(() -> {
            int images = vm.classes().stream().mapToInt(ClassRow::count).sum();
            return Plurals.of(vm.classes().size(), "class", "classes") + " · " + Plurals.of(images, "image");
        }, vm.classes()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button importButton = new Button("Import…", new FontIcon(MaterialDesignI.IMAGE_PLUS));
        importButton.setTooltip(new Tooltip("Copy images into the selected class, or into the inbox"));
        importButton.disableProperty().bind(vm.selectedClassProperty().isNull().and(vm.inboxShownProperty().not()));
        importButton.setOnAction(e -> chooseAndImport());
        zoom.setPrefWidth(140);
        zoom.setId("zoom");
        zoom.setTooltip(new Tooltip("Thumbnail size"));
        HBox zoomBox = new HBox(6, new FontIcon(MaterialDesignM.MAGNIFY_MINUS_OUTLINE), zoom,
                new FontIcon(MaterialDesignM.MAGNIFY_PLUS_OUTLINE));
        zoomBox.setAlignment(Pos.CENTER);
        zoomBox.getStyleClass().add("zoom-box");
        HBox header = new HBox(16, heading, chip, summary, spacer, AuditPanel.button(audit), importButton,
                zoomBox);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");
        return header;
    }

    private Node statusLine() {
        Label selected = new Label();
        selected.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.selection().size();
            return vm.images().isEmpty() ? "" : n == 0 ? Plurals.of(vm.images().size(), "image")
                    : String.format("%,d of %,d selected", n, vm.images().size());
        }, vm.selection(), vm.images()));
        selected.setId("curate-selection");
        Label message = new Label();
        message.setId("curate-message");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("text-muted");
        HBox line = new HBox(16, selected, message);
        line.setAlignment(Pos.CENTER_LEFT);
        line.getStyleClass().add("curate-status");
        return new VBox(line);
    }

    /**
     * Asks for the thumbnails of the images the grid will show first, before it has made its cells: on opening a
     * dataset that work then overlaps the building of the grid (docs/benchmarks.md, Curate with 10,000 images). The
     * count is the grid's own (ControlsFX's columns, {@link FixedRowGridSkin}'s rows) in the centre's size, estimated
     * at the open, where nothing is laid out yet: the whole window asked for 54 thumbnails where the grid showed 40,
     * and the open's scan waits for all of them.
     */
    private void prefetchFirstScreen(ThumbnailService loader) {
        double width = centre.getWidth() - centre.snappedLeftInset() - centre.snappedRightInset();
        double height = centre.getHeight() - centre.snappedTopInset() - centre.snappedBottomInset();
        if (width <= 0 || height <= 0) {
            // Not laid out yet (the open): the pane's size, else the window's, less the class panel and about the
            // header's and the status line's heights.
            Scene scene = root.getScene();
            width = (root.getWidth() > 0 ? root.getWidth() : scene != null ? scene.getWidth() : 1600)
                    - ClassPanel.WIDTH;
            height = (root.getHeight() > 0 ? root.getHeight() : scene != null ? scene.getHeight() : 1000) - 90;
        }
        int columns = Math.max(1, (int) ((width - 18) / (grid.getCellWidth() + 2 * grid.getHorizontalCellSpacing())));
        int rows = (int) Math.ceil(height / (grid.getCellHeight() + 2 * grid.getVerticalCellSpacing()));
        double scale = root.getScene() == null || root.getScene().getWindow() == null ? 1
                : root.getScene().getWindow().getOutputScaleX();
        int[] box = ThumbnailCell.box(grid.getCellWidth(), grid.getCellHeight(), scale);
        loader.prefetchFitted(vm.images().stream().limit((long) columns * rows).map(ImageEntry::file).toList(),
                box[0], box[1]);
    }

    private void chooseAndImport() {
        FileChooser chooser = Choosers.images("Import Images into " + (vm.inboxShownProperty().get() ? "the Inbox"
                : vm.selectedClassProperty().get()), vm.root().getParent());
        List<File> files = chooser.showOpenMultipleDialog(root.getScene().getWindow());
        if (files != null) {
            vm.importFiles(files.stream().map(File::toPath).toList(), null, false);
        }
    }

    private void preview(ImageEntry entry) {
        PreviewWindow.show(root, vm.images(), entry, session.heatMaps(), session.classifyModelProperty()::get);
    }
}
