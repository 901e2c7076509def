package dev.loupe.testing;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the controls whose text is cut short on screen: a visible {@link Labeled} whose skin shows its text with the
 * ellipsis ("Preci…", "R…") although the text itself has none. Call it on the FX thread after a layout pass.
 */
public final class CutText {

    private CutText() {
    }

    /** "id or class: shown text (full text)" for each control under {@code root} whose text is cut. */
    public static List<String> in(Parent root) {
        List<String> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private static void walk(Node node, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String ellipsis = l.getEllipsisString();
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text shown && shown.getText() != null && !ellipsis.isEmpty()
                        && shown.getText().contains(ellipsis) && !l.getText().contains(ellipsis)) {
                    String name = l.getId() != null ? "#" + l.getId() : l.getClass().getSimpleName();
                    out.add(name + ": \"" + shown.getText() + "\" (" + l.getText() + ")");
                }
            }
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> walk(c, out));
        }
    }
}
