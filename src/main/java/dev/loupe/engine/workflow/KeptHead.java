package dev.loupe.engine.workflow;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.training.ChosenHead;
import dev.loupe.engine.training.HeadChoice;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.training.TrainingRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a fine-tuning run decided before its first epoch, kept so that a resume goes straight to its epochs: the head
 * search's choice (reported as a {@link HeadChoice} partial, which the run's record keeps) and the head it trained
 * (a head-only model file in the run's folder, the format Classify reads: versioned, every part checked when read).
 * The search takes minutes on a few thousand photos, and its softmax fits start from one another, so only the saved
 * head is bit for bit the one an uninterrupted run fine-tunes from and compares against; without the file (a kill
 * before it was written) the head is trained again with the chosen setting, without a search.
 *
 * @param file   where the chosen head is kept; null to keep none
 * @param choice the choice the run made, to resume with; null for a run that has not chosen yet
 */
public record KeptHead(Path file, HeadChoice choice) {

    private static final Logger LOG = LoggerFactory.getLogger(KeptHead.class);

    public static KeptHead none() {
        return new KeptHead(null, null);
    }

    /** Whether this run goes on with a choice made before, rather than choosing its head. */
    boolean resumes() {
        return choice != null;
    }

    /**
     * The head the run chose before it was stopped: the kept one, else trained again with the chosen setting; refused
     * in one sentence when the choice or the kept head does not fit the run.
     */
    ChosenHead restore(TrainingRows rows, LabelledFeatures validation, List<String> labels,
                       BackboneDescriptor backbone, TrainingConfig config, JobMonitor monitor) throws IOException {
        choice.whyNotUsable(config).ifPresent(why -> {
            throw new IllegalArgumentException("The run's recorded head choice " + why
                    + ", so this run cannot be resumed: start a new one");
        });
        // As ChosenHead.train after the search: the photos alone when they scored better than with their variants.
        TrainingConfig chosen = config.withHead(choice.chosen(), true);
        LabelledFeatures train = rows.all();
        if (!choice.variants()) {
            train = rows.photos();
            chosen = chosen.withAugmentations(0);
        }
        if (file == null || !Files.isRegularFile(file)) {
            LOG.info("No kept head at {}: training the chosen one ({}) again", file, choice.chosen().describe());
            return new ChosenHead(new HeadTrainer().train(train, validation, labels.size(), chosen, monitor), chosen,
                    choice);
        }
        ModelBundle kept;
        try {
            kept = ModelFiles.load(file);
        } catch (IOException | RuntimeException e) {
            throw refused("cannot be read (" + e.getMessage() + ")");
        }
        int layers = choice.chosen().hiddenUnits() == 0 ? 1 : 2;
        if (!kept.labels().equals(labels) || !kept.manifest().backbone().id().equals(backbone.id())
                || kept.patch() != null || kept.head().getnLayers() != layers
                || kept.head().layerInputSize(0) != backbone.featureDim()
                || (layers == 2 && kept.head().layerSize(0) != choice.chosen().hiddenUnits())) {
            throw refused("was trained for other classes, another backbone or another setting");
        }
        return new ChosenHead(new TrainedHead(kept.head(), kept.scaler(), List.of(), 0,
                kept.manifest().temperature()), chosen, choice);
    }

    /** Keeps a head the run has just chosen (nothing when resuming, or without a file or a search). */
    void save(ChosenHead chosen, List<String> labels, BackboneDescriptor backbone, JobMonitor monitor)
            throws IOException {
        if (resumes() || file == null || chosen.choice() == null) {
            return;
        }
        TrainedHead head = chosen.head();
        ModelFiles.save(new ModelBundle(ManifestFactory.create(labels, backbone, head.temperature(), null),
                head.scaler(), head.network()), file);
        monitor.partial(chosen.choice()); // after the file: a record naming a choice finds its head beside it
    }

    private IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("The head kept in " + file + " " + why
                + ", so this run cannot be resumed: start a new one");
    }
}
