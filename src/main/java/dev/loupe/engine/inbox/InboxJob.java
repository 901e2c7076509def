package dev.loupe.engine.inbox;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.training.TrainingConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads a dataset's inbox: scans the folder, takes the features of the labelled and the inbox photos from the cache
 * (extracting the missing ones through the {@link FeatureService}, one pass and one backbone load for both), and,
 * when a trained run is given, the model's suggestion for each inbox photo and its figures on the validation split.
 * A fine-tuned run's head reads its own backbone's features, so that backbone runs on the inbox and validation photos
 * ({@link Suggester#of}); the catalogue's stock features still serve neighbours, groups and familiarity.
 * Runs on a {@code JobExecutor} like every long action; without a run it still gives features (for "Group similar"
 * and "similar to this photo").
 */
public final class InboxJob implements Job<Inbox> {

    private final BackboneRegistry backbones;
    private final ExtractorFactory extractors;
    private final Path dataset;
    private final String runId;
    private final Path model;
    private final String backboneWithoutModel;

    /**
     * @param runId                the run whose model suggests (its bundle at {@code model}); null for none
     * @param backboneWithoutModel the backbone whose features to use when there is no run
     */
    public InboxJob(BackboneRegistry backbones, ExtractorFactory extractors, Path dataset, String runId, Path model,
                    String backboneWithoutModel) {
        this.backbones = backbones;
        this.extractors = extractors;
        this.dataset = dataset;
        this.runId = runId;
        this.model = model;
        this.backboneWithoutModel = backboneWithoutModel;
    }

    /**
     * The inbox as the studio and {@code loupe inbox} show it: suggestions from the run Classify uses (the selected
     * one), else features of the backbone the next run would use.
     */
    public static InboxJob forSelectedRun(BackboneRegistry backbones, ExtractorFactory extractors, Path dataset)
            throws java.io.IOException {
        RunHistory runs = RunHistory.of(dataset);
        Optional<String> selected = runs.selected().filter(id -> java.nio.file.Files.isRegularFile(
                runs.modelPath(id)));
        String backbone = runs.nextSettings().map(TrainingConfig::backbone)
                .orElse(TrainingConfig.defaults().backbone());
        return new InboxJob(backbones, extractors, dataset, selected.orElse(null),
                selected.map(runs::modelPath).orElse(null), backbone);
    }

    @Override
    public Inbox run(JobMonitor monitor) throws Exception {
        monitor.stage("Scanning " + dataset);
        DatasetSnapshot snapshot = new DatasetScanner().scan(dataset);
        ModelBundle bundle = model == null ? null : ModelFiles.load(model);
        BackboneDescriptor backbone = bundle != null ? bundle.backbone(backbones, model)
                : backbones.require(backboneWithoutModel);
        DatasetSnapshot both = snapshot.withInbox();
        FeatureSet features;
        try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
            features = new FeatureService(extractors).features(both, catalogue, backbone, monitor);
        }
        List<String> warnings = new ArrayList<>();
        features.problems().forEach(p -> warnings.add(p.toString()));
        List<Sample> labelled = new ArrayList<>();
        List<Sample> inbox = new ArrayList<>();
        for (Sample s : features.samples()) {
            (s.image().label().equals(DatasetSnapshot.INBOX) ? inbox : labelled).add(s);
        }
        Suggester suggester = bundle == null ? null
                : Suggester.of(bundle, model, inbox, labelled, backbones, extractors, monitor, warnings);
        monitor.stage("Suggesting labels for " + inbox.size() + " inbox photos");
        monitor.checkCancelled();
        List<InboxPhoto> photos = Suggester.photos(inbox, labelled, suggester);
        Calibration calibration = suggester == null ? Calibration.NONE : suggester.calibration(labelled);
        return new Inbox(snapshot.root(), backbone.id(), snapshot.classes(), photos,
                bundle == null ? List.of() : bundle.labels(), bundle == null ? null : runId, calibration,
                labelled.size(), warnings);
    }
}
