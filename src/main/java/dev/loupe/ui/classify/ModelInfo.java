package dev.loupe.ui.classify;

import dev.loupe.ui.common.DatasetSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The model Classify uses, as the pane names it: which run of which dataset (or which file, trained on which
 * dataset), and whether its classes are the open dataset's. A model of another dataset answers in that dataset's
 * classes, which is rarely what the user wants, so the pane says so.
 *
 * @param name   e.g. "12 augmentations, run of flowers" or "birds.loupe, trained on birds"
 * @param labels the classes the model answers with
 */
record ModelInfo(String name, List<String> labels) {

    private static final int NAMES_SHOWN = 4;
    private static final Path RUNS = Path.of(".loupe", "runs");

    /**
     * Names {@code model} from its facts: a run of the session's dataset as the Train pane's run list calls it
     * ({@link DatasetSession#runNames}), a run of another dataset by {@code otherRunName} (the name the user gave
     * it there, or null), each with its dataset; else by its file.
     */
    static ModelInfo of(Path model, ClassifyBackend.ModelFacts facts, DatasetSession session, String otherRunName) {
        Path folder = model.getParent();
        String trainedOn = facts.trainedOn() == null ? null : folderName(facts.trainedOn());
        String id = folder == null ? null : folder.getFileName().toString();
        boolean ownRun = folder != null && session.runs().directory().equals(folder.getParent());
        String runName = ownRun ? session.runNames().get(id) : otherRunName;
        String name = ownRun ? runName(id, runName, session.name())
                : runOf(model) != null && trainedOn != null ? runName(id, runName, trainedOn)
                : model.getFileName() + (trainedOn == null ? "" : ", trained on " + trainedOn);
        return new ModelInfo(name, List.copyOf(facts.labels()));
    }

    /** "12 augmentations, run of flowers", or "run 20240501-103200 of flowers" for a run with no name known. */
    private static String runName(String id, String name, String dataset) {
        return name == null || name.isBlank() ? "run " + id + " of " + dataset : name + ", run of " + dataset;
    }

    /** The dataset folder of a run's model (DATASET/.loupe/runs/ID/model.loupe), or null for any other file. */
    static Path runOf(Path model) {
        Path folder = model.getParent();
        Path runs = folder == null ? null : folder.getParent();
        return runs != null && runs.endsWith(RUNS) ? runs.getParent().getParent() : null;
    }

    /** A model file that could not be read: named by its file, with why. */
    static ModelInfo unreadable(Path model, String why) {
        return new ModelInfo(model.getFileName() + " (unreadable: " + why + ")", List.of());
    }

    /**
     * What differs between the model's classes and the dataset's, in one sentence, or "" when they are the same
     * (or the dataset's are not known yet).
     */
    String mismatch(List<String> datasetClasses) {
        if (datasetClasses.isEmpty() || labels.isEmpty() || Set.copyOf(labels).equals(Set.copyOf(datasetClasses))) {
            return "";
        }
        Set<String> unknown = new LinkedHashSet<>(datasetClasses);
        labels.forEach(unknown::remove);
        Set<String> foreign = new LinkedHashSet<>(labels);
        datasetClasses.forEach(foreign::remove);
        List<String> parts = new ArrayList<>();
        if (!unknown.isEmpty()) {
            parts.add("it does not know " + names(unknown));
        }
        if (!foreign.isEmpty()) {
            parts.add("it answers with " + names(foreign) + ", which this dataset does not have");
        }
        return "This model's classes differ from this dataset's: " + String.join("; ", parts)
                + ". Train on this dataset, or choose its model.";
    }

    private static String names(Set<String> classes) {
        List<String> all = new ArrayList<>(classes);
        String shown = String.join(", ", all.subList(0, Math.min(NAMES_SHOWN, all.size())));
        return all.size() > NAMES_SHOWN ? shown + " and " + (all.size() - NAMES_SHOWN) + " more" : shown;
    }

    /** The last name of a folder path written by any OS (the file is untrusted: no Path parsing). */
    private static String folderName(String path) {
        String trimmed = path.replaceAll("[/\\\\]+$", "");
        return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    }
}
