package dev.loupe.ui.train;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.ZooCatalogue;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobState;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Download and Import beside the backbone list. Each is a job of the session on the studio's compute queue, so the
 * status bar shows its progress with a cancel button, and closing the session stops it; when it ends the list is read
 * again, so the backbone shows as downloaded (or the import appears, chosen).
 */
public final class BackboneModel {

    private final DatasetSession session;
    private final TrainSettings settings;
    private final BackboneJobs jobs;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private JobHandle<?> active;

    BackboneModel(DatasetSession session, TrainSettings settings, BackboneJobs jobs) {
        this.session = session;
        this.settings = settings;
        this.jobs = jobs;
    }

    /** Whether a backbone must be downloaded before it can be used: a zoo one listed as not in the cache. */
    public static boolean needsDownload(BackboneDescriptor b) {
        return b != null && ZooCatalogue.isZoo(b) && b.state() == BackboneState.DOWNLOADABLE;
    }

    /** Downloads the chosen backbone if it is not on this machine yet. */
    public void download() {
        BackboneDescriptor b = settings.backboneProperty().get();
        if (active != null || !needsDownload(b)) {
            return;
        }
        Job<Path> download = jobs.download(b);
        run("Download " + b.displayName(), "Downloading " + b.displayName() + "…", m -> {
            download.run(m);
            return jobs.reload();
        }, () -> "Downloaded " + b.displayName() + ": ready to train", b::id);
    }

    /** Asks for a Keras or TF.js file and imports it (nothing when the user cancels). FX thread. */
    public void chooseAndImport(Window owner) {
        Path model = jobs.chooseModel(owner);
        if (model != null) {
            importModel(model);
        }
    }

    /** Imports a Keras {@code .h5} or TF.js {@code model.json} as a backbone and chooses it. */
    public void importModel(Path model) {
        if (active != null) {
            return;
        }
        Job<BackboneDescriptor> importer = jobs.importModel(model);
        String[] id = new String[1];
        run("Import backbone", "Importing " + model.getFileName() + "…", m -> {
            id[0] = importer.run(m).id();
            return jobs.reload();
        }, () -> "Imported " + model.getFileName() + " as backbone " + id[0], () -> id[0]);
    }

    /** Stops the download or import at its next check. */
    public void cancel() {
        if (active != null) {
            active.cancel();
        }
    }

    private void run(String name, String starting, Job<BackboneRegistry> job,
                     Supplier<String> done, Supplier<String> choose) {
        busy.set(true);
        message.set(starting);
        JobHandle<BackboneRegistry> handle = session.compute(name, job);
        active = handle;
        handle.result().whenComplete((registry, failure) -> session.fx().execute(() -> {
            active = null;
            busy.set(false);
            if (failure != null) {
                message.set(handle.state() == JobState.CANCELLED ? name + " cancelled"
                        : name + " failed: " + Failures.describe(failure));
                return;
            }
            settings.setBackbones(registry.all());
            registry.find(choose.get()).ifPresent(settings.backboneProperty()::set);
            message.set(done.get());
        }));
    }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
}
