package dev.loupe.ui.classify;

import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.model.ModelFormatException;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The model Classify uses: the session's (the dataset's selected run, or one chosen by hand for this session). Reads
 * what each model says about itself for the chip and the class check, as a job on the pane's queue, and keeps the
 * model before it: a model refused as damaged gives way to that one ({@link #refuse}). A new model asks the
 * {@link ClassifyViewModel} for a new map.
 */
final class ModelChoice {

    private final ClassifyViewModel vm;
    private final DatasetSession session;
    private final JobExecutor classifyJobs;
    private final Executor fx;
    private final ClassifyBackend backend;
    private final ObjectProperty<Path> model;
    private final ObjectProperty<ModelInfo> modelInfo = new SimpleObjectProperty<>();
    private final StringBinding modelWarning;
    /** The model before the current one: Classify goes back to it when the current one is refused as damaged. */
    private Path previousModel;
    private boolean restoring;

    ModelChoice(ClassifyViewModel vm, JobExecutor classifyJobs, ClassifyBackend backend) {
        this.vm = vm;
        this.session = vm.session();
        this.classifyJobs = classifyJobs;
        this.fx = session.fx();
        this.backend = backend;
        this.model = session.classifyModelProperty();
        ObservableList<String> classes = vm.classes();
        modelWarning = Bindings.createStringBinding(() -> modelInfo.get() == null ? ""
                : modelInfo.get().mismatch(List.copyOf(classes)), modelInfo, classes);
        model.addListener((o, was, now) -> {
            readModelInfo(now);
            if (restoring) {
                return; // the map on screen is the restored model's
            }
            previousModel = was;
            if (now != null) {
                vm.computeMap();
            }
        });
        readModelInfo(model.get());
        // The run was renamed in Train (or named once its history was read): the chip follows.
        session.runNames().addListener((MapChangeListener<String, String>) c -> {
            Path file = model.get();
            if (file != null && file.getParent() != null
                    && c.getKey().equals(file.getParent().getFileName().toString())) {
                readModelInfo(file);
            }
        });
    }

    /** Reads what the model says about itself (its classes, its dataset) for the chip and the class check. */
    private void readModelInfo(Path file) {
        modelInfo.set(null);
        if (file == null) {
            return;
        }
        classifyJobs.submit("Read model", m -> new ModelRead(backend.facts(file), otherRunName(file))).result()
                .whenComplete((read, error) -> fx.execute(() -> {
                    if (file.equals(model.get())) {
                        modelInfo.set(error != null ? ModelInfo.unreadable(file, Failures.describe(error))
                                : ModelInfo.of(file, read.facts(), session, read.otherRunName()));
                    }
                }));
    }

    /** What the model says about itself, and the name its run was given in another dataset (or null). */
    private record ModelRead(ClassifyBackend.ModelFacts facts, String otherRunName) {
    }

    /** The name the user gave {@code file}'s run in another dataset's run list, or null. Job thread. */
    private String otherRunName(Path file) {
        Path dataset = ModelInfo.runOf(file);
        if (dataset == null || dataset.equals(session.root())) {
            return null;
        }
        try {
            return RunHistory.of(dataset).names().get(file.getParent().getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return null; // the chip names the run by its id
        }
    }

    /**
     * A damaged model file is refused: Classify goes back to the model it used before, whose map is still shown, so
     * the refused file never looks loaded (the chip named it over the old model's map).
     */
    void refuse(Path file, Throwable error) {
        restoring = true;
        try {
            model.set(previousModel);
        } finally {
            restoring = false;
        }
        vm.messageProperty().set("Could not use " + file.getFileName() + ": " + Failures.describe(error)
                + " Classify still uses " + (previousModel == null ? "no model" : "the model it used before") + ".");
    }

    /** Whether {@code error} says the model file is damaged (rather than, say, the map cancelled). */
    static boolean damaged(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ModelFormatException) {
                return true;
            }
        }
        return false;
    }

    ObjectProperty<ModelInfo> modelInfoProperty() { return modelInfo; }
    StringBinding modelWarningProperty() { return modelWarning; }
}
