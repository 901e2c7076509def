package dev.loupe.engine.workflow;

import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.ImageProblem;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.inference.ModelFeatures;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates a saved model on a dataset folder: on the images of its validation split (the same content-hash split as
 * training, so these are images the head never trained on), or on every image for a separate test set.
 */
public final class EvaluateWorkflow {

    /** The report and what it was computed on. */
    public record Outcome(EvaluationReport report, String evaluatedOn, List<ImageProblem> problems,
                          int skippedUnknownLabel) {
    }

    private final BackboneRegistry backbones;
    private final ExtractorFactory extractors;

    public EvaluateWorkflow(BackboneRegistry backbones, ExtractorFactory extractors) {
        this.backbones = backbones;
        this.extractors = extractors;
    }

    public Outcome run(Path modelFile, Path datasetRoot, boolean allImages, JobMonitor monitor) throws Exception {
        monitor.stage("Loading " + modelFile.getFileName());
        ModelBundle model = ModelFiles.load(modelFile);
        DatasetSnapshot dataset = new DatasetScanner().scan(datasetRoot);
        FeatureSet features;
        try (Catalogue catalogue = Catalogue.open(dataset.root())) {
            // A fine-tuned model's head reads its own backbone's features (below): the split needs only the hashes.
            features = model.patch() != null ? new FeatureService(extractors).hashes(dataset, catalogue, monitor)
                    : new FeatureService(extractors).features(dataset, catalogue,
                    model.backbone(backbones, modelFile), monitor);
        }
        List<ImageProblem> problems = new ArrayList<>(features.problems());
        Set<String> known = Set.copyOf(model.labels());
        List<Sample> usable = features.samples().stream().filter(s -> known.contains(s.image().label())).toList();
        int skipped = features.samples().size() - usable.size();
        List<Sample> evaluated = usable;
        String on = "all images";
        if (!allImages) {
            double share = model.manifest().provenance() == null ? 20
                    : model.manifest().provenance().config().validationPercent();
            evaluated = SplitFeatures.of(usable, share).validation();
            on = "validation split (" + Math.round(share) + "%)";
        }
        List<Sample> own = ModelFeatures.of(model, modelFile, evaluated, backbones, extractors, monitor);
        if (own.size() < evaluated.size()) {
            Set<String> read = own.stream().map(Sample::hash).collect(Collectors.toSet());
            evaluated.stream().filter(s -> !read.contains(s.hash())).forEach(s -> problems.add(new ImageProblem(
                    s.image().relativePath(), "the model's fine-tuned backbone could not read it")));
        }
        monitor.stage("Evaluating " + Plurals.of(own.size(), "image"));
        EvaluationReport report = TrainWorkflow.evaluate(model, own, model.labels());
        return new Outcome(report, on, problems, skipped);
    }
}
