package dev.loupe.ui.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The studio's remembered settings in one {@link Preferences} node: window bounds, last and recent datasets, theme.
 * The node is injected so tests use a throwaway in-memory node and never touch the user's real settings.
 */
public final class StudioPrefs {

    private static final Logger LOG = LoggerFactory.getLogger(StudioPrefs.class);
    static final int MAX_RECENT = 8;
    private static final String LAST = "dataset.last";
    private static final String RECENT = "dataset.recent.";
    private static final String THEME = "theme";
    private static final String WINDOW = "window.";
    private static final String GUIDE = "guide.dismissed";

    private final Preferences node;

    public StudioPrefs(Preferences node) {
        this.node = node;
    }

    /** The user's real settings: {@code dev/loupe} under the per-user root. */
    public static StudioPrefs user() {
        return new StudioPrefs(Preferences.userRoot().node("dev/loupe"));
    }

    public Optional<Path> lastDataset() {
        return Optional.ofNullable(node.get(LAST, null)).map(Path::of);
    }

    public void setLastDataset(Path dataset) {
        node.put(LAST, dataset.toString());
    }

    /** Recent datasets, newest first, at most {@link #MAX_RECENT}. */
    public List<Path> recentDatasets() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = node.get(RECENT + i, null);
            if (p != null) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    public void setRecentDatasets(List<Path> recent) {
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < recent.size()) {
                node.put(RECENT + i, recent.get(i).toString());
            } else {
                node.remove(RECENT + i);
            }
        }
    }

    /** Whether the user closed the first-run guide (Curate, Train, Classify). */
    public boolean guideDismissed() {
        return node.getBoolean(GUIDE, false);
    }

    public void dismissGuide() {
        node.putBoolean(GUIDE, true);
        flush();
    }

    public ThemeChoice theme() {
        return ThemeChoice.parse(node.get(THEME, null));
    }

    public void setTheme(ThemeChoice theme) {
        node.put(THEME, theme.name());
    }

    /** The saved window bounds, or empty on first start (the window then centres itself at its preferred size). */
    public Optional<WindowBounds> window() {
        double w = node.getDouble(WINDOW + "w", -1);
        double h = node.getDouble(WINDOW + "h", -1);
        if (w <= 0 || h <= 0) {
            return Optional.empty();
        }
        return Optional.of(new WindowBounds(node.getDouble(WINDOW + "x", 0), node.getDouble(WINDOW + "y", 0), w, h,
                node.getBoolean(WINDOW + "maximized", false)));
    }

    public void setWindow(WindowBounds b) {
        node.putDouble(WINDOW + "x", b.x());
        node.putDouble(WINDOW + "y", b.y());
        node.putDouble(WINDOW + "w", b.width());
        node.putDouble(WINDOW + "h", b.height());
        node.putBoolean(WINDOW + "maximized", b.maximized());
    }

    /** Writes to the backing store now; preferences otherwise flush lazily and a killed JVM could lose them. */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            LOG.warn("Could not save the studio's settings: {}", e.getMessage());
        }
    }
}
