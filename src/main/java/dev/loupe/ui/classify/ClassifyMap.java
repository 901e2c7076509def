package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.embedding.MapSamples;
import dev.loupe.engine.embedding.TsneLayout;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobSnapshot;
import dev.loupe.engine.jobs.JobState;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.util.Plurals;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.LatestRequest;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The Classify pane's dataset map: a t-SNE of the whole dataset's features, made as a job on the studio's compute
 * queue when the pane is first shown (only marked stale while it is hidden), its partial layouts drained by
 * {@link #poll()} from the view's Timeline (never one runLater per t-SNE iteration), and updated in place when files
 * change. The shown results are placed on it, among their nearest dataset images: the similar images a result card
 * shows. Results and messages go to the {@link ClassifyViewModel}; everything here runs on the FX thread but the jobs.
 */
final class ClassifyMap {

    private final ClassifyViewModel vm;
    private final DatasetSession session;
    private final JobExecutor classifyJobs;
    private final Executor fx;
    private final ClassifyBackend backend;
    private final StringProperty message;
    private final ObjectProperty<ScatterData> scatter = new SimpleObjectProperty<>();
    private final BooleanProperty mapping = new SimpleBooleanProperty();
    private final DoubleProperty mapProgress = new SimpleDoubleProperty(-1);
    /** A new placement wins over the one before it (and a new classification over both). */
    private final LatestRequest placing;
    private DatasetMap map;
    private JobHandle<DatasetMap> mapJob;
    private boolean active;
    private boolean mapStale = true;
    /** Files changed since the map was made: placed on it when the pane is next shown. */
    private boolean mapOutdated;
    private JobHandle<DatasetMap> updateJob;

    ClassifyMap(ClassifyViewModel vm, JobExecutor classifyJobs, ClassifyBackend backend) {
        this.vm = vm;
        this.session = vm.session();
        this.classifyJobs = classifyJobs;
        this.fx = session.fx();
        this.backend = backend;
        this.message = vm.messageProperty();
        this.placing = new LatestRequest(fx);
    }

    /** The map made last, or null: what a classification places its results on. */
    DatasetMap current() {
        return map;
    }

    /** A classification starts: a placement of the results it replaces must not come back over them. */
    void supersedePlacement() {
        placing.supersede();
    }

    /** Places the shown results on the current map, in a job; a newer classification or map wins. FX thread. */
    void placeResults() {
        DatasetMap placeOn = map;
        List<ClassifiedImage> shown = List.copyOf(vm.results());
        if (placeOn == null || shown.isEmpty()) {
            return;
        }
        ClassifiedImage selected = vm.currentProperty().get();
        placing.submit(classifyJobs, "Place results", mon -> MapPlacement.placeAll(placeOn, shown, mon),
                (placed, error) -> {
                    if (placed != null && placeOn == map) {
                        vm.results().setAll(placed);
                        int at = shown.indexOf(selected);
                        vm.currentProperty().set(at >= 0 ? placed.get(at) : placed.isEmpty() ? null : placed.get(0));
                    }
                });
    }

    /**
     * Whether the pane is on screen. The map extracts features of the whole dataset, so while the pane is hidden it
     * is only marked stale and computed when the pane is shown (not at studio start-up, behind the user's back).
     */
    void setActive(boolean shown) {
        active = shown;
        if (shown && mapStale) {
            compute();
        } else if (shown && mapOutdated) {
            update();
        }
    }

    /**
     * Places images added since the map was made among their neighbours and drops removed ones, without a new t-SNE
     * (a minute at 70,000 images, and every point would move); the message says the map is approximate until the
     * user maps the dataset again. FX thread, on the folder watcher's change events.
     */
    void update() {
        DatasetMap old = map;
        if (old == null) {
            return; // the first map will see the files as they are
        }
        if (!active || mapJob != null || updateJob != null) {
            mapOutdated = true; // done when shown, or when the running job ends
            return;
        }
        mapOutdated = false;
        Path root = session.root();
        JobHandle<DatasetMap> job = session.compute("Update map " + session.name(),
                mon -> backend.updateMap(old, root, mon));
        updateJob = job;
        job.result().whenComplete((done, error) -> fx.execute(() -> {
            updateJob = null;
            if (map != old) {
                return; // a full map was made meanwhile
            }
            if (error != null) {
                if (job.state() != JobState.CANCELLED) {
                    message.set("Could not update the map: " + Failures.describe(error));
                }
                return;
            }
            map = done;
            message.set(mapMessage(done));
            scatter.set(scatterOf(done.samples(), done.layout()));
            if (mapOutdated) {
                update();
            }
        }));
    }

    static String mapMessage(DatasetMap done) {
        if (!done.approximate()) {
            return "Map of " + Plurals.of(done.size(), "image") + " ready";
        }
        return "Map of " + Plurals.of(done.size(), "image") + ": " + Plurals.of(done.placed(), "new image")
                + " placed among neighbours, approximate until you map the dataset again";
    }

    /** (Re)computes the dataset map in the background; partial layouts stream in through {@link #poll()}. */
    void compute() {
        Path root = session.root();
        if (!active) {
            mapStale = true;
            return;
        }
        mapStale = false;
        cancel();
        Path m = vm.modelProperty().get();
        JobHandle<DatasetMap> job = session.compute("Map " + session.name(), mon -> backend.map(root, m, mon));
        mapJob = job;
        mapping.set(true);
        mapProgress.set(-1);
        job.result().whenComplete((done, error) -> fx.execute(() -> {
            if (job != mapJob) {
                return;
            }
            mapping.set(false);
            mapJob = null;
            if (error != null && m != null && m.equals(vm.modelProperty().get()) && ModelChoice.damaged(error)) {
                vm.refuse(m, error);
                if (map == null) {
                    compute();
                }
                return;
            }
            if (error != null) {
                message.set(job.state() == JobState.CANCELLED ? "Map cancelled"
                        : "Could not map the dataset: " + Failures.describe(error));
                return;
            }
            map = done;
            message.set(mapMessage(done));
            scatter.set(scatterOf(done.samples(), done.layout()));
            if (!vm.busyProperty().get()) {
                placeResults();
            }
            if (mapOutdated) {
                update(); // files changed while it was made
            }
        }));
    }

    void cancel() {
        if (mapJob != null) {
            mapJob.cancel();
        }
    }

    /** Drains the map job: the newest partial layout (older ones are skipped) and its progress. FX thread. */
    void poll() {
        JobHandle<DatasetMap> job = mapJob;
        if (job == null) {
            return;
        }
        JobSnapshot s = job.snapshot();
        mapProgress.set(s.fraction());
        if (!s.stage().isEmpty()) {
            message.set(s.stage() + (s.status().isEmpty() ? "" : ": " + s.status()));
        }
        TsneLayout newest = null;
        for (Partial partial : job.drainPartials()) {
            if (partial instanceof MapSamples samples) {
                scatter.set(scatterOf(samples.samples(), zeros(samples.samples().size())));
            } else if (partial instanceof TsneLayout layout) {
                newest = layout; // only the latest is worth drawing
            }
        }
        ScatterData base = scatter.get();
        if (newest != null && base != null && base.size() == newest.size()) {
            scatter.set(base.withLayout(newest));
        }
    }

    private static TsneLayout zeros(int n) {
        return new TsneLayout(0, 1, new float[n], new float[n]);
    }

    private static ScatterData scatterOf(List<Sample> samples, TsneLayout layout) {
        List<String> names = new ArrayList<>();
        int[] classOf = new int[samples.size()];
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            String label = samples.get(i).image().label();
            int c = names.indexOf(label);
            if (c < 0) {
                names.add(label);
                c = names.size() - 1;
            }
            classOf[i] = c;
            files.add(samples.get(i).image().file());
        }
        return new ScatterData(names, classOf, files, layout);
    }

    ObjectProperty<ScatterData> scatterProperty() { return scatter; }
    BooleanProperty mappingProperty() { return mapping; }
    DoubleProperty mapProgressProperty() { return mapProgress; }
}
