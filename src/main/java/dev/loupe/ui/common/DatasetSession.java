package dev.loupe.ui.common;

import dev.loupe.engine.dataset.ClassColours;
import dev.loupe.engine.dataset.DatasetInUseException;
import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.DatasetWatcher;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.runs.RunHistory;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.scene.paint.Color;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One opened dataset and everything that belongs to it while the studio shows it: the lock that keeps other Loupe
 * processes out, the one {@link DatasetEditor} whose journal every pane's Undo walks, the folder watcher, the run
 * history and the model Classify uses, the thumbnail and heat-map services, and the panes' queues. The studio makes one when a
 * dataset is opened, makes its panes for it, and closes it as a whole when another dataset opens or the window
 * closes: its jobs are cancelled and its queues, watcher and lock let go. Nothing of a dataset lives in a static.
 *
 * <p>{@link #editor()} and {@link #startWatching()} do file work: call them on a job thread. The properties belong
 * to the FX thread.
 */
public final class DatasetSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetSession.class);
    static final Duration WATCH_DEBOUNCE = Duration.ofMillis(400);

    private final Path root;
    private final DatasetLock lock;
    private final SessionServices services;
    private final RunHistory runs;
    private final ThumbnailService thumbnails;
    /** Read on first use ({@link #colours()}), on a scan's thread: not on the FX thread while the dataset opens. */
    private ClassColours colours;
    private final Object coloursLock = new Object();
    private final AtomicBoolean colourSaveQueued = new AtomicBoolean();
    private final Map<String, JobExecutor> queues = new LinkedHashMap<>();
    private final List<JobHandle<?>> computeJobs = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final ObjectProperty<Path> classifyModel = new SimpleObjectProperty<>();
    private final ObservableMap<String, String> runNames = FXCollections.observableHashMap();
    private HeatMapService heatMaps;
    private DatasetEditor editor;
    private DatasetWatcher watcher;
    private volatile boolean closed;

    private DatasetSession(Path root, DatasetLock lock, SessionServices services) {
        this.root = root;
        this.lock = lock;
        this.services = services;
        this.runs = RunHistory.of(root);
        this.thumbnails = ThumbnailService.forDataset(root);
    }

    /**
     * Opens {@code folder}: takes its lock (throws when another Loupe process has it) and starts reading which run's
     * model Classify uses. Cheap enough for the FX thread; the journal is read when {@link #editor()} is first asked.
     */
    public static DatasetSession open(Path folder, SessionServices services) throws DatasetInUseException {
        Path root = folder.toAbsolutePath().normalize();
        DatasetSession session = new DatasetSession(root, DatasetLock.acquire(root, "Loupe studio"), services);
        session.readSelectedRun();
        LOG.info("Opened dataset session {}", root);
        return session;
    }

    /** The dataset folder, absolute and normalised. */
    public Path root() {
        return root;
    }

    /** The folder's name, as panes show it. */
    public String name() {
        return root.getFileName() == null ? root.toString() : root.getFileName().toString();
    }

    /** The one editor of this dataset in the studio: every pane's edits, Undo and Redo go through it. Job thread. */
    public synchronized DatasetEditor editor() throws IOException {
        if (closed) {
            throw new IOException("The dataset " + name() + " was closed");
        }
        if (editor == null) {
            editor = DatasetEditor.open(root);
            if (watcher != null) {
                editor.setListener(watcher.editorListener());
            }
        }
        return editor;
    }

    /**
     * Starts watching the folder for changes made outside Loupe (once; later calls do nothing). Job thread: the
     * watcher registers every class folder.
     */
    public synchronized void startWatching() throws IOException {
        if (watcher != null || closed) {
            return;
        }
        watcher = DatasetWatcher.start(root, WATCH_DEBOUNCE,
                () -> services.fx().execute(() -> changeListeners.forEach(Runnable::run)));
        if (editor != null) {
            editor.setListener(watcher.editorListener());
        }
    }

    /** Runs {@code listener} on the FX thread when files change outside Loupe (once {@link #startWatching} ran). */
    public void onOutsideChange(Runnable listener) {
        changeListeners.add(listener);
    }

    public RunHistory runs() {
        return runs;
    }

    /** The model Classify uses: the selected run's, or one the user chose by hand for this session; null if none. */
    public ObjectProperty<Path> classifyModelProperty() {
        return classifyModel;
    }

    /**
     * What each run is called in the Train pane's run list (the user's name for it, else what sets it apart), by
     * run id: the Train pane keeps it, so that Classify's model chip names a run the same way. FX thread.
     */
    public ObservableMap<String, String> runNames() {
        return runNames;
    }

    /** The one thumbnail service of this dataset: every pane shows its small images through it. */
    public ThumbnailService thumbnails() {
        return thumbnails;
    }

    /**
     * The one heat-map service of this dataset ("Show what it looked at" in every pane), made on first use: its
     * jobs run on a queue of their own, and its cache of the photos' runs is let go with the session.
     */
    public synchronized HeatMapService heatMaps() {
        if (heatMaps == null) {
            heatMaps = new HeatMapService(queue("heat maps"), services.fx(), services.heatMaps().get());
        }
        return heatMaps;
    }

    /**
     * The colour of class {@code className}, the same in every pane for the life of the dataset (kept in its
     * {@code .loupe/}). A class never seen before is given the next free colour, saved on this session's queue.
     */
    public Color colourOf(String className) {
        int index = colours().indexOf(className);
        if (colours().unsaved() && !closed && colourSaveQueued.compareAndSet(false, true)) {
            queue("session").submit("Keep class colours", m -> {
                colourSaveQueued.set(false);
                saveColours();
                return null;
            });
        }
        return ClassPalette.colour(index);
    }

    /**
     * The palette indices of {@code classes}, new ones given and saved: the scans call it. Job thread. A dataset Loupe
     * may not write to still gets its colours, for this session.
     */
    public Map<String, Integer> colourIndices(Collection<String> classes) {
        Map<String, Integer> indices = colours().assign(classes);
        saveColours();
        return indices;
    }

    /** A renamed class keeps its colour under its new name. Job thread. */
    public void renameColour(String from, String to) {
        colours().rename(from, to);
        saveColours();
    }

    private void saveColours() {
        try {
            colours().save();
        } catch (IOException e) {
            LOG.warn("Could not keep the class colours of {}: {}", root, e.getMessage());
        }
    }

    /**
     * The dataset's class colours, read from its {@code .loupe/} on first use. Not in the constructor: the session is
     * made on the FX thread, and reading the file there (JSON library loaded on first use) delayed the Curate pane's
     * first screen (docs/benchmarks.md, Curate with 100,000 images).
     */
    private ClassColours colours() {
        synchronized (coloursLock) {
            if (colours == null) {
                colours = ClassColours.of(root);
            }
            return colours;
        }
    }

    /** Where results come back to (the FX thread in the studio). */
    public Executor fx() {
        return services.fx();
    }

    /**
     * A queue of the pane called {@code name} for quick work that must not wait behind training (scans, edits,
     * history reads); made on first use, closed with the session.
     */
    public synchronized JobExecutor queue(String name) {
        return queues.computeIfAbsent(name, n -> services.queues().get());
    }

    /** Runs a long job on the studio's compute queue; it is cancelled if this session closes first. */
    public <T> JobHandle<T> compute(String name, Job<T> job) {
        JobHandle<T> handle = services.compute().submit(name, job);
        computeJobs.add(handle);
        computeJobs.removeIf(h -> h.state().isFinal());
        return handle;
    }

    /**
     * Runs a dataset edit (an import of thousands of photos, a move, a delete) on the studio's edit queue: one at a
     * time, shown in the status bar with its progress and a cancel button, and cancelled if this session closes.
     */
    public <T> JobHandle<T> edit(String name, Job<T> job) {
        JobHandle<T> handle = services.edits().submit(name, job);
        computeJobs.add(handle);
        computeJobs.removeIf(h -> h.state().isFinal());
        return handle;
    }

    /** This session's compute jobs that have not ended (e.g. to ask before closing it). */
    public List<JobHandle<?>> runningJobs() {
        return computeJobs.stream().filter(h -> !h.state().isFinal()).toList();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Cancels this session's jobs and lets go of its queues, watcher and lock. Idempotent. */
    @Override
    public void close() {
        List<JobExecutor> toClose;
        HeatMapService maps;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(queues.values());
            queues.clear();
            maps = heatMaps;
            if (watcher != null) {
                watcher.close();
                watcher = null;
            }
        }
        computeJobs.forEach(JobHandle::cancel);
        toClose.forEach(JobExecutor::close);
        thumbnails.close();
        if (maps != null) {
            maps.close();
        }
        lock.close();
        LOG.info("Closed dataset session {}", root);
    }

    /** Which run's model Classify uses, read off the FX thread; a model already chosen (e.g. opened) is kept. */
    private void readSelectedRun() {
        queue("session").submit("Find the selected run", m -> runs.selectedModel()).result()
                .thenAccept(found -> found.ifPresent(model -> services.fx().execute(() -> {
                    if (!closed && classifyModel.get() == null) {
                        classifyModel.set(model);
                    }
                })));
    }
}
