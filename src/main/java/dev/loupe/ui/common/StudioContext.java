package dev.loupe.ui.common;

import dev.loupe.ui.common.DatasetSession;

/**
 * What the studio hands a pane it makes: the dataset session the pane belongs to. A pane is made for one session and
 * closed with it (opening another dataset makes new panes), so it never has to forget an earlier dataset.
 */
public record StudioContext(DatasetSession session) {
}
