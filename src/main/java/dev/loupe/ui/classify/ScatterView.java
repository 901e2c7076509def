package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.Placement;
import dev.loupe.ui.common.ThumbnailService;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

import java.util.function.Function;


/**
 * The map: one Canvas draws every point (thousands of nodes would crawl), coloured by class, with a legend. Scroll
 * zooms about the cursor, drag pans, hovering shows the point's thumbnail, a click pins a larger view of its image.
 * Zoomed in far enough, points are drawn as their thumbnails (InPlaceThumbnails).
 * Shift+drag draws a lasso whose points become the selection (ringed); the selection menu then moves them to a class.
 * The placed photo is drawn as a ring with lines to its nearest neighbours.
 */
final class ScatterView {

    private final Canvas canvas = new Canvas();
    private final Pane canvasHolder = new Pane(canvas);
    private final VBox legend = new VBox(4);
    private final HoverCard hover;
    private final StackPane root;
    private final ObjectProperty<ScatterData> data = new SimpleObjectProperty<>();
    private final ObjectProperty<Placement> placed = new SimpleObjectProperty<>();
    private final ObjectProperty<int[]> selection = new SimpleObjectProperty<>(new int[0]);
    private final ScatterTransform view = new ScatterTransform();
    private final InPlaceThumbnails thumbnails;
    private final Function<String, Color> colourOf;
    /** The inbox's photos: no class, no class colour. */
    static final Color INBOX = Color.gray(0.35);
    private boolean redrawQueued;
    private ContextMenu selectionMenu;
    private Lasso lasso;
    private double dragX;
    private double dragY;
    private boolean dragged;
    private int pinned = -1;

    /** {@code colourOf} gives a class its colour, the same as in the other panes (the dataset session's). */
    ScatterView(ThumbnailService images, Function<String, Color> colourOf) {
        this.colourOf = colourOf;
        hover = new HoverCard(images);
        root = new StackPane(canvasHolder, legend, hover.node());
        thumbnails = new InPlaceThumbnails(images, this::redrawSoon);
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        data.addListener((o, was, now) -> {
            if (was == null || now == null || was.size() != now.size()) {
                view.reset();
                legend();
            } else if (!was.classes().equals(now.classes())) {
                legend(); // a relabel moved points to a class the map had no point in
            }
            redraw();
        });
        placed.addListener(o -> redraw());
        selection.addListener(o -> redraw());
        legend.getStyleClass().add("scatter-legend");
        legend.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        StackPane.setAlignment(legend, Pos.TOP_RIGHT);
        StackPane.setMargin(legend, new Insets(10));
        root.getStyleClass().add("scatter");
        root.setId("scatter");
        root.setMinSize(200, 200);
        wireMouse();
    }

    StackPane root() { return root; }
    ObjectProperty<ScatterData> dataProperty() { return data; }
    ObjectProperty<Placement> placedProperty() { return placed; }
    ObjectProperty<int[]> selectionProperty() { return selection; }

    /** Shown on a right click while points are selected. */
    void setSelectionMenu(ContextMenu menu) { selectionMenu = menu; }

    /** Where point {@code i} is drawn, in screen coordinates (for tests that point the mouse at it). */
    javafx.geometry.Point2D screenPositionOf(int i) {
        ScatterData d = data.get();
        return canvas.localToScreen(view.screenX(d.layout().x()[i]), view.screenY(d.layout().y()[i]));
    }

    private void wireMouse() {
        canvas.setOnScroll(e -> {
            view.zoom(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
            redraw();
        });
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
            lasso = e.isShiftDown() && e.isPrimaryButtonDown() ? new Lasso() : null;
        });
        canvas.setOnMouseDragged(e -> {
            if (lasso != null) {
                lasso.add(e.getX(), e.getY());
                dragged = true;
                hover.hide();
                redraw();
                return;
            }
            view.pan(e.getX() - dragX, e.getY() - dragY);
            dragged |= Math.abs(e.getX() - dragX) + Math.abs(e.getY() - dragY) > 2;
            dragX = e.getX();
            dragY = e.getY();
            hover.hide();
            redraw();
        });
        canvas.setOnMouseMoved(e -> {
            if (pinned < 0) {
                showHover(view.nearest(data.get(), e.getX(), e.getY(), 8), e.getX(), e.getY(), 96);
            }
        });
        canvas.setOnMouseReleased(e -> {
            if (lasso != null) {
                // A Shift+click without a lasso (fewer than 3 vertices) selects nothing: that clears the selection.
                selection.set(lasso.select(data.get(), view));
                lasso = null;
                redraw();
            }
        });
        canvas.setOnContextMenuRequested(e -> {
            if (selectionMenu != null && selection.get().length > 0) {
                selectionMenu.show(canvas, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        canvas.setOnMouseExited(e -> {
            if (pinned < 0) {
                hover.hide();
            }
        });
        canvas.setOnMouseClicked(e -> {
            if (dragged) {
                return;
            }
            int hit = view.nearest(data.get(), e.getX(), e.getY(), 8);
            pinned = hit == pinned ? -1 : hit;
            showHover(pinned, e.getX(), e.getY(), 240);
        });
    }

    private void showHover(int index, double x, double y, double size) {
        hover.show(data.get(), index, x, y, size, root.getWidth(), root.getHeight());
    }

    private void legend() {
        legend.getChildren().clear();
        ScatterData d = data.get();
        if (d == null) {
            return;
        }
        for (int c = 0; c < d.classes().size(); c++) {
            String name = d.classes().get(c);
            Circle dot = new Circle(5, ScatterData.isInbox(name) ? Color.TRANSPARENT : colourOf.apply(name));
            if (ScatterData.isInbox(name)) {
                dot.setStroke(INBOX);
                dot.setStrokeWidth(1.5);
            }
            Label l = new Label(ScatterData.shown(name), dot);
            l.getStyleClass().add("legend-item");
            legend.getChildren().add(l);
        }
        Label you = new Label("your photo", new Circle(5, Color.TRANSPARENT));
        ((Circle) you.getGraphic()).setStroke(Color.BLACK);
        ((Circle) you.getGraphic()).setStrokeWidth(2);
        legend.getChildren().add(new HBox(you));
        legend.setVisible(!legend.getChildren().isEmpty());
    }

    /** Each class's colour, by its index in {@code d}: looked up once a drawing, not once a point. */
    private Color[] colours(ScatterData d) {
        return d.classes().stream().map(c -> ScatterData.isInbox(c) ? INBOX : colourOf.apply(c)).toArray(Color[]::new);
    }

    /** Many thumbnails finish loading at once: one redraw for all of them. */
    private void redrawSoon() {
        if (!redrawQueued) {
            redrawQueued = true;
            javafx.application.Platform.runLater(() -> {
                redrawQueued = false;
                redraw();
            });
        }
    }

    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        ScatterData d = data.get();
        if (d == null || d.size() == 0) {
            return;
        }
        view.fit(d.layout(), w, h);
        double r = d.size() > 3000 ? 2.2 : 3.5;
        Color[] colours = colours(d);
        Color[] fills = java.util.Arrays.stream(colours).map(c -> c.deriveColor(0, 1, 1, 0.85)).toArray(Color[]::new);
        int inbox = d.classes().indexOf(dev.loupe.engine.dataset.DatasetSnapshot.INBOX);
        g.setStroke(INBOX);
        g.setLineWidth(1.2);
        for (int i = 0; i < d.size(); i++) {
            double px = view.screenX(d.layout().x()[i]);
            double py = view.screenY(d.layout().y()[i]);
            if (d.classOf()[i] == inbox) {
                // Unlabelled: a grey ring, so the labelled colours around it say what it might be.
                g.strokeOval(px - r + 0.6, py - r + 0.6, 2 * r - 1.2, 2 * r - 1.2);
            } else {
                g.setFill(fills[d.classOf()[i]]);
                g.fillOval(px - r, py - r, 2 * r, 2 * r);
            }
        }
        if (d.layout().finished()) { // while t-SNE runs the points move too much for pictures to help
            thumbnails.draw(g, d, colours, view, InPlaceThumbnails.visible(d, view, w, h));
        }
        g.setStroke(Color.BLACK);
        g.setLineWidth(1.5);
        for (int i : selection.get()) {
            if (i < d.size()) {
                g.strokeOval(view.screenX(d.layout().x()[i]) - r - 2, view.screenY(d.layout().y()[i]) - r - 2,
                        2 * r + 4, 2 * r + 4);
            }
        }
        drawLasso(g);
        Placement p = placed.get();
        if (p != null && d.layout().finished()) {
            double px = view.screenX(p.x());
            double py = view.screenY(p.y());
            g.setStroke(Color.gray(0.2, 0.6));
            g.setLineWidth(1);
            p.neighbours().stream().filter(n -> n.index() < d.size()).forEach(n -> g.strokeLine(px, py,
                    view.screenX(d.layout().x()[n.index()]), view.screenY(d.layout().y()[n.index()])));
            g.setFill(Color.WHITE);
            g.fillOval(px - 8, py - 8, 16, 16);
            g.setStroke(Color.BLACK);
            g.setLineWidth(3);
            g.strokeOval(px - 8, py - 8, 16, 16);
            g.setStroke(Color.web("#e15759"));
            g.setLineWidth(2);
            g.strokeOval(px - 13, py - 13, 26, 26);
        }
    }

    private void drawLasso(GraphicsContext g) {
        Lasso l = lasso;
        if (l == null || l.size() < 2) {
            return;
        }
        g.setStroke(Color.gray(0.15, 0.8));
        g.setLineWidth(1);
        g.setLineDashes(4, 4);
        g.beginPath();
        g.moveTo(l.x(0), l.y(0));
        for (int i = 1; i < l.size(); i++) {
            g.lineTo(l.x(i), l.y(i));
        }
        g.closePath();
        g.stroke();
        g.setLineDashes();
    }
}
