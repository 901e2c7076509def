package dev.loupe.ui.common;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A label in a crowded row (the status bar) that shows the longest of a text's forms that fits its width, whole,
 * rather than the text cut to "Train fashio…": e.g. a dataset's full path, else its folder name; a job's whole status,
 * else its first part, else nothing. The full text is then its tooltip. The label asks for the full text's width, so
 * it shows it again as soon as the row has room.
 */
public final class FittedText {

    private FittedText() {
    }

    /**
     * Shows {@code source} in {@code label}, or the first of {@code shorter}'s forms of it that fits (in the order
     * given; the last is shown even if it does not fit, so give "" last to let the label go empty). FX thread.
     */
    public static void bind(Label label, ObservableValue<String> source, Function<String, List<String>> shorter) {
        bind(label, source, shorter, false);
    }

    /**
     * As {@link #bind(Label, ObservableValue, Function)}; with {@code keepShortest} the label never gets narrower than
     * its shortest form, so a crowded row cannot squeeze it away (the dataset's name while a job's progress shows).
     */
    public static void bind(Label label, ObservableValue<String> source, Function<String, List<String>> shorter,
                            boolean keepShortest) {
        label.setMinWidth(0);
        Runnable update = () -> {
            String full = source.getValue() == null ? "" : source.getValue();
            double extra = label.snappedLeftInset() + label.snappedRightInset() + 2
                    + (label.getGraphic() == null ? 0 : label.getGraphic().prefWidth(-1) + label.getGraphicTextGap());
            label.setPrefWidth(width(full, label.getFont()) + extra);
            List<String> forms = new ArrayList<>(List.of(full));
            forms.addAll(shorter.apply(full));
            if (keepShortest) {
                label.setMinWidth(width(forms.get(forms.size() - 1), label.getFont()) + extra);
            }
            double room = label.getWidth() - extra;
            String shown = forms.stream().filter(t -> width(t, label.getFont()) <= room).findFirst()
                    .orElse(forms.get(forms.size() - 1));
            label.setText(shown);
            label.setTooltip(shown.equals(full) ? null : new Tooltip(full));
        };
        label.widthProperty().addListener(o -> update.run());
        label.fontProperty().addListener(o -> update.run());
        source.addListener(o -> update.run());
        update.run();
    }

    /** The part of {@code text} before the first {@code separator}, or nothing if it has none. */
    public static List<String> before(String text, String separator) {
        int at = text.indexOf(separator);
        return at > 0 ? List.of(text.substring(0, at)) : List.of();
    }

    private static double width(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return Math.ceil(t.getLayoutBounds().getWidth());
    }
}
