/** The JavaFX studio: views bind to view models, view models call the engine through jobs. */
package dev.loupe.ui;
