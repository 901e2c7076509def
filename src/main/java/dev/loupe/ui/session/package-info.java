/**
 * The studio's unit of "an open dataset": {@link dev.loupe.ui.session.DatasetSession} holds everything that belongs
 * to one opened dataset (lock, editor, watcher, run history, the model Classify uses, thumbnails, the panes' queues)
 * and is closed as a whole when another dataset opens or the window closes, so nothing of one dataset reaches the
 * next. The panes are made for a session and closed with it.
 */
package dev.loupe.ui.session;
