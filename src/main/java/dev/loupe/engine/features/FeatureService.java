package dev.loupe.engine.features;

import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.catalogue.FeatureStore;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.finetune.CutPass;
import dev.loupe.engine.onnx.OnnxExporter;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The features of every image of a dataset: from the cache when the image's content was seen before with this
 * backbone and preprocessing, else extracted (and cached) now. The backbone is loaded only if something is missing.
 */
public final class FeatureService {

    private static final int FLUSH_EVERY = 64;

    private final ExtractorFactory extractors;

    public FeatureService(ExtractorFactory extractors) {
        this.extractors = extractors;
    }

    public FeatureSet features(DatasetSnapshot dataset, Catalogue catalogue, BackboneDescriptor backbone,
                               JobMonitor monitor) throws Exception {
        return features(dataset, catalogue, backbone, null, monitor);
    }

    /**
     * As above for a fine-tuning run: when no photo's features are cached, one backbone run per photo gives both its
     * features and its maps at the run's cut, which go to {@code pass} (null: features alone). With some features
     * cached the pass is skipped (the run needs every photo's maps, so it runs the backbone's bottom part anyway).
     */
    public FeatureSet features(DatasetSnapshot dataset, Catalogue catalogue, BackboneDescriptor backbone,
                               CutPass pass, JobMonitor monitor) throws Exception {
        List<ImageProblem> problems = new ArrayList<>();
        Map<String, String> hashes = hashes(dataset, catalogue, monitor, problems);

        int prep = backbone.input().preprocessingVersion();
        FeatureStore store = catalogue.features();
        Map<String, float[]> vectors = new HashMap<>(store.get(backbone.id(), prep, hashes.values()));
        int cached = 0;
        List<ImageEntry> missing = new ArrayList<>();
        Set<String> missingHashes = new HashSet<>();
        for (ImageEntry image : dataset.images()) {
            String hash = hashes.get(image.relativePath());
            if (hash == null) {
                continue;
            }
            if (vectors.containsKey(hash)) {
                cached++;
            } else if (missingHashes.add(hash)) {
                missing.add(image);
            }
        }
        int extracted = extract(missing, hashes, backbone, store, vectors, problems, cached == 0 ? pass : null,
                monitor);

        List<Sample> samples = new ArrayList<>();
        for (ImageEntry image : dataset.images()) {
            String hash = hashes.get(image.relativePath());
            float[] v = hash == null ? null : vectors.get(hash);
            if (v != null) {
                samples.add(new Sample(image, hash, v));
            }
        }
        problems.sort(Comparator.comparing(ImageProblem::relativePath));
        return new FeatureSet(backbone.id(), samples, problems, extracted, cached);
    }

    /**
     * Every image of the dataset with its content hash and no features (empty vectors), running no backbone: what
     * chooses the validation split of a fine-tuned model, whose head reads its own backbone's features, not these.
     */
    public FeatureSet hashes(DatasetSnapshot dataset, Catalogue catalogue, JobMonitor monitor) throws Exception {
        List<ImageProblem> problems = new ArrayList<>();
        Map<String, String> hashes = hashes(dataset, catalogue, monitor, problems);
        List<Sample> samples = new ArrayList<>();
        for (ImageEntry image : dataset.images()) {
            String hash = hashes.get(image.relativePath());
            if (hash != null) {
                samples.add(new Sample(image, hash, new float[0]));
            }
        }
        problems.sort(Comparator.comparing(ImageProblem::relativePath));
        return new FeatureSet(null, samples, problems, 0, 0);
    }

    private static Map<String, String> hashes(DatasetSnapshot dataset, Catalogue catalogue, JobMonitor monitor,
                                              List<ImageProblem> problems) throws Exception {
        catalogue.notice().ifPresent(monitor::warning);
        for (DatasetSnapshot.Unreadable folder : dataset.unreadable()) {
            // Said as it happens too: a model trained without a whole class must not surprise anyone.
            problems.add(new ImageProblem(folder.relativePath(), folder.reason()));
            monitor.warning(folder.toString());
        }
        monitor.stage("Scanning " + Plurals.of(dataset.images().size(), "image"));
        return ContentHashes.of(dataset.images(), catalogue.fileHashes(), monitor, problems);
    }

    private int extract(List<ImageEntry> missing, Map<String, String> hashes, BackboneDescriptor backbone,
                        FeatureStore store, Map<String, float[]> vectors, List<ImageProblem> problems,
                        CutPass pass, JobMonitor monitor) throws Exception {
        monitor.stage((pass == null ? "Extracting features: " : "Extracting features and cut maps: ")
                + missing.size() + " new, " + vectors.size() + " cached");
        if (missing.isEmpty()) {
            return 0;
        }
        int dim = backbone.featureDim();
        int prep = backbone.input().preprocessingVersion();
        Map<String, float[]> pending = new HashMap<>();
        int[] count = {0};
        List<Path> files = missing.stream().map(ImageEntry::file).toList();
        try (FeatureExtractor extractor = pass == null ? open(backbone) : withCut(backbone, pass)) {
            ExtractionPipeline.run(files, extractor, monitor, new ExtractionPipeline.Sink() {
                @Override
                public void features(int index, float[] vector) throws Exception {
                    String hash = hashes.get(missing.get(index).relativePath());
                    if (pass != null) {
                        pass.add(hash, vector, dim);
                        vector = Arrays.copyOf(vector, dim);
                    }
                    vectors.put(hash, vector);
                    pending.put(hash, vector);
                    count[0]++;
                    if (pending.size() >= FLUSH_EVERY) {
                        store.putAll(backbone.id(), prep, pending);
                        pending.clear();
                    }
                }

                @Override
                public void failed(int index, String reason) {
                    ImageProblem p = new ImageProblem(missing.get(index).relativePath(), reason);
                    problems.add(p);
                    monitor.warning(p.toString());
                }
            });
            if (pass != null) {
                pass.finish();
            }
        } finally {
            store.putAll(backbone.id(), prep, pending);
        }
        return count[0];
    }

    private FeatureExtractor open(BackboneDescriptor backbone) throws BackboneException {
        return extractors.open(backbone);
    }

    /**
     * The backbone on ONNX Runtime (on the CPU, as the fine-tuning's own bottom pass runs), each vector its features
     * followed by its maps at the pass's cut ({@link CutPass#onnx}).
     */
    private static FeatureExtractor withCut(BackboneDescriptor backbone, CutPass pass) throws BackboneException {
        return OrtFeatureExtractor.open(backbone, pass.onnx())
                .joining(List.of(OnnxExporter.FEATURES, OnnxExporter.CUT_MAPS));
    }
}
