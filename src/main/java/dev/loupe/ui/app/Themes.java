package dev.loupe.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies AtlantaFX's Primer theme as the application-wide user-agent stylesheet, so every window (dialogs too)
 * follows it. Loupe's own rules live in {@code /loupe/ui/studio.css} and use the theme's looked-up colours, which is
 * why they need no dark variant.
 */
final class Themes {

    private static final Logger LOG = LoggerFactory.getLogger(Themes.class);
    static final String STUDIO_CSS = "/loupe/ui/studio.css";

    private Themes() {
    }

    static void apply(boolean dark) {
        LOG.debug("Applying the {} theme", dark ? "dark" : "light");
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    static String studioCss() {
        return Themes.class.getResource(STUDIO_CSS).toExternalForm();
    }
}
