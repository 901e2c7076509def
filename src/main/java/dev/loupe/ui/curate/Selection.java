package dev.loupe.ui.curate;

import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.List;

/**
 * Which thumbnails are selected, with the rules of every file browser: a click selects one, Shortcut+click toggles,
 * Shift+click extends from the anchor (the last plain or Shortcut click). Keys are relative image paths.
 */
final class Selection {

    private final ObservableSet<String> selected = FXCollections.observableSet();
    private String anchor;

    ObservableSet<String> items() {
        return selected;
    }

    void click(List<String> order, String item, boolean toggle, boolean extend) {
        if (extend && anchor != null && order.contains(anchor)) {
            int a = order.indexOf(anchor);
            int b = order.indexOf(item);
            if (!toggle) {
                selected.clear();
            }
            selected.addAll(order.subList(Math.min(a, b), Math.max(a, b) + 1));
            return;
        }
        if (toggle) {
            if (!selected.remove(item)) {
                selected.add(item);
            }
        } else {
            selected.clear();
            selected.add(item);
        }
        anchor = item;
    }

    /** Moves the anchor by {@code delta} in {@code order} (arrow keys), extending the selection with Shift. */
    void step(List<String> order, int delta, boolean extend) {
        if (order.isEmpty()) {
            return;
        }
        int at = anchor == null ? -1 : order.indexOf(anchor);
        int next = Math.max(0, Math.min(order.size() - 1, at < 0 ? 0 : at + delta));
        String item = order.get(next);
        if (extend) {
            selected.add(item);
        } else {
            selected.clear();
            selected.add(item);
        }
        anchor = item;
    }

    void setAll(List<String> items) {
        selected.clear();
        selected.addAll(items);
    }

    /** Drops what is no longer shown, e.g. after a rescan. */
    void retain(List<String> order) {
        selected.retainAll(order);
        if (anchor != null && !order.contains(anchor)) {
            anchor = null;
        }
    }

    String anchor() {
        return anchor;
    }
}
