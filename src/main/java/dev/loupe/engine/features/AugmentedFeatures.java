package dev.loupe.engine.features;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.catalogue.FeatureStore;
import dev.loupe.engine.image.Augmentation;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Features of {@code k} augmented variants of each given sample. A variant is cached under
 * {@link Augmentation#key(String, int, boolean)} in place of the content hash, with the same backbone and preprocessing, so
 * the feature table needs no new column and a retrain with the same (or a smaller) k extracts nothing.
 */
public final class AugmentedFeatures {

    private static final int FLUSH_EVERY = 64;

    /**
     * @param samples    the variants, each with its original's image entry and its variant key as hash
     * @param originalOf for each variant, the index of its original in the list given (which photo it is a variant
     *                   of, so that cross-validation can keep it with that photo)
     */
    public record Result(List<Sample> samples, int[] originalOf, int extracted, int cached) {
    }

    private AugmentedFeatures() {
    }

    /** @param colour whether the variants' colours are jittered too (else crops, flips and rotations only) */
    public static Result of(List<Sample> originals, int k, boolean colour, FeatureStore store,
                            ExtractorFactory extractors, BackboneDescriptor backbone, JobMonitor monitor)
            throws Exception {
        Map<String, Integer> byKey = new LinkedHashMap<>();
        for (int o = 0; o < originals.size(); o++) {
            for (int i = 0; i < k; i++) {
                byKey.putIfAbsent(Augmentation.key(originals.get(o).hash(), i, colour), o);
            }
        }
        if (byKey.isEmpty()) {
            return new Result(List.of(), new int[0], 0, 0);
        }
        int prep = backbone.input().preprocessingVersion();
        Map<String, float[]> vectors = new HashMap<>(store.get(backbone.id(), prep, byKey.keySet()));
        int cached = vectors.size();
        List<String> missing = byKey.keySet().stream().filter(key -> !vectors.containsKey(key)).toList();
        monitor.stage("Augmenting: " + missing.size() + " new variants, " + cached + " cached");
        int[] extracted = {0};
        if (!missing.isEmpty()) {
            Map<String, float[]> pending = new HashMap<>();
            try (FeatureExtractor extractor = extractors.open(backbone)) {
                ExtractionPipeline.run(missing.size(), (i, spec) -> {
                    Sample s = originals.get(byKey.get(missing.get(i)));
                    String key = missing.get(i);
                    return ImagePreparer.prepareVariant(s.image().file(), s.hash(), Augmentation.indexOf(key),
                            Augmentation.colourOf(key), spec);
                }, extractor, monitor, new ExtractionPipeline.Sink() {
                    @Override
                    public void features(int index, float[] vector) throws Exception {
                        vectors.put(missing.get(index), vector);
                        pending.put(missing.get(index), vector);
                        extracted[0]++;
                        if (pending.size() >= FLUSH_EVERY) {
                            store.putAll(backbone.id(), prep, pending);
                            pending.clear();
                        }
                    }

                    @Override
                    public void failed(int index, String reason) {
                        // The original decoded a moment ago; training just goes without this variant.
                        monitor.warning(originals.get(byKey.get(missing.get(index))).image().relativePath()
                                + ": augmented variant skipped, " + reason);
                    }
                });
            } finally {
                store.putAll(backbone.id(), prep, pending);
            }
        }
        List<Sample> out = new ArrayList<>();
        List<Integer> of = new ArrayList<>();
        byKey.forEach((key, o) -> {
            float[] v = vectors.get(key);
            if (v != null) {
                out.add(new Sample(originals.get(o).image(), key, v));
                of.add(o);
            }
        });
        return new Result(out, of.stream().mapToInt(Integer::intValue).toArray(), extracted[0], cached);
    }
}
