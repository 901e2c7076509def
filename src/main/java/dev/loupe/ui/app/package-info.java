/** The studio's window, its panes and its start-up. */
package dev.loupe.ui.app;
