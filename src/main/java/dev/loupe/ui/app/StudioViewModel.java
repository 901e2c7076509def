package dev.loupe.ui.app;

import dev.loupe.engine.dataset.DatasetInUseException;
import dev.loupe.ui.common.EditActions;
import dev.loupe.ui.common.ImageImporter;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The studio window's state, without a single Node: the open dataset's session and the title it gives the window, the recent
 * datasets, the selected pane, the theme, and which pane's edit actions the Edit menu drives. Changes are saved to
 * {@link StudioPrefs} as they happen, so a crash loses nothing the user chose.
 */
public final class StudioViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(StudioViewModel.class);

    private final StudioPrefs prefs;
    private final Path sample;
    private final SessionServices services;
    private final ReadOnlyObjectWrapper<DatasetSession> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Loupe");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    // Kept in a field: an unmodifiable view listens weakly, so a throwaway one would drop its listeners when collected.
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recent);
    private final IntegerProperty selectedPane = new SimpleIntegerProperty(0);
    private final ObjectProperty<ThemeChoice> theme = new SimpleObjectProperty<>();
    private final BooleanProperty systemDark = new SimpleBooleanProperty(false);
    private final BooleanBinding dark;
    private final ObjectProperty<EditActions> editActions = new SimpleObjectProperty<>();
    private final ObjectProperty<ImageImporter> imageImporter = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();
    private final BooleanProperty guideShown = new SimpleBooleanProperty();

    public StudioViewModel(StudioPrefs prefs, Path sampleDataset, SessionServices services) {
        this.prefs = prefs;
        this.sample = sampleDataset;
        this.services = services;
        recent.setAll(prefs.recentDatasets());
        theme.set(prefs.theme());
        theme.addListener((o, was, now) -> prefs.setTheme(now));
        guideShown.set(!prefs.guideDismissed());
        guideShown.addListener((o, was, now) -> {
            if (!now) {
                prefs.dismissGuide();
            }
        });
        dark = Bindings.createBooleanBinding(() -> theme.get().isDark(systemDark.get()), theme, systemDark);
    }

    /** The dataset to open at start: the one asked for, else the last one if its folder still exists, else the sample. */
    static Path chooseStart(Path requested, Optional<Path> last, Path sample) {
        if (requested != null) {
            return requested;
        }
        return last.filter(Files::isDirectory).orElse(sample);
    }

    /**
     * Opens what {@link #chooseStart} picks for {@code requested} (null when Loupe was started without a folder);
     * {@code model}, when not null, is the model file Loupe was opened with: Classify uses it for this session.
     */
    public void start(Path requested, Path model) {
        if (openDataset(chooseStart(requested, prefs.lastDataset(), sample)) && model != null) {
            session.get().classifyModelProperty().set(model.toAbsolutePath());
        }
    }

    /**
     * Opens {@code folder} in a new session unless another Loupe process has it: then the current dataset stays open
     * and {@link #noticeProperty()} says who has it and what to do. The previous session is closed after the panes
     * have moved to the new one. Returns whether it was opened.
     */
    public boolean openDataset(Path folder) {
        Path p = folder.toAbsolutePath().normalize();
        DatasetSession opened;
        try {
            opened = DatasetSession.open(p, services);
        } catch (DatasetInUseException e) {
            LOG.warn("Not opening {}: {}", p, e.getMessage());
            notice.set(e.getMessage());
            return false;
        }
        DatasetSession previous = session.get();
        notice.set(null);
        LOG.info("Opening dataset {}", p);
        dataset.set(p);
        session.set(opened);
        if (previous != null) {
            previous.close();
        }
        Path name = p.getFileName();
        title.set((name == null ? p.toString() : name.toString()) + " — Loupe");
        prefs.setLastDataset(p);
        recent.setAll(pushRecent(recent, p));
        prefs.setRecentDatasets(recent);
        prefs.flush();
        return true;
    }

    /** Closes the open dataset's session: its jobs stop and other Loupe processes may have it (the window closed). */
    public void closeSession() {
        DatasetSession s = session.get();
        if (s != null) {
            s.close();
        }
    }

    /** {@code p} first, each folder once, at most {@link StudioPrefs#MAX_RECENT}. */
    static List<Path> pushRecent(List<Path> recent, Path p) {
        List<Path> out = new ArrayList<>(List.of(p));
        recent.stream().filter(r -> !r.equals(p)).limit(StudioPrefs.MAX_RECENT - 1L).forEach(out::add);
        return out;
    }

    public void clearRecent() {
        recent.clear();
        prefs.setRecentDatasets(recent);
        prefs.flush();
    }

    public boolean exists(Path folder) {
        return Files.isDirectory(folder);
    }

    public ReadOnlyObjectProperty<Path> datasetProperty() { return dataset.getReadOnlyProperty(); }

    /** The open dataset's session (null until one could be opened); replaced, and the old one closed, on open. */
    public ReadOnlyObjectProperty<DatasetSession> sessionProperty() { return session.getReadOnlyProperty(); }

    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }

    /** Why the last dataset asked for is not open (another Loupe has it), or null; shown in the status bar. */
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }

    public ObservableList<Path> recentDatasets() { return recentView; }

    public IntegerProperty selectedPaneProperty() { return selectedPane; }

    public ObjectProperty<ThemeChoice> themeProperty() { return theme; }

    /** Set once the OS theme has been read; until then Follow system means light. */
    public BooleanProperty systemDarkProperty() { return systemDark; }

    public BooleanBinding darkProperty() { return dark; }

    /** The shown pane's edit actions, or null: the Edit menu items are disabled while this is null. */
    public ObjectProperty<EditActions> editActionsProperty() { return editActions; }

    public ObjectProperty<ImageImporter> imageImporterProperty() { return imageImporter; }

    public StudioPrefs prefs() { return prefs; }

    /** Whether the first-run guide shows; closing it is remembered, Help › Getting Started shows it again. */
    public BooleanProperty guideShownProperty() { return guideShown; }
}
