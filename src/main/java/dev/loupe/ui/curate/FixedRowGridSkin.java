package dev.loupe.ui.curate;

import impl.org.controlsfx.skin.GridViewSkin;
import org.controlsfx.control.GridView;

/**
 * ControlsFX's grid skin with every row the same height, told to the virtual flow. Without it JavaFX's VirtualFlow
 * estimates the content's height by measuring rows it has not shown, a few more on every layout pass, each measured
 * row laid out and styled (CSS re-applied): with 875 rows (a class of 7,000 photos) that was most of the FX thread's
 * work per frame while scrolling (docs/benchmarks.md, Curate with 100,000 images). A grid row's height is fixed by the
 * grid anyway (ControlsFX's row skin: cell height plus the vertical spacing above and below), so the flow need not
 * measure it.
 */
final class FixedRowGridSkin<T> extends GridViewSkin<T> {

    FixedRowGridSkin(GridView<T> grid) {
        super(grid);
        getVirtualFlow().fixedCellSizeProperty().bind(grid.cellHeightProperty()
                .add(grid.verticalCellSpacingProperty().multiply(2)));
    }
}
