package dev.loupe.ui.app;

/** Where the window was and how big, in screen coordinates; the un-maximised bounds when {@code maximized}. */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
}
