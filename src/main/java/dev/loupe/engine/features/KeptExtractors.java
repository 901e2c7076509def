package dev.loupe.engine.features;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.backbone.InputSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Keeps opened extractors for the life of the process, so the studio's second retrain, its classifications and its
 * audits do not open the backbone again: opening reads the export, builds an ONNX Runtime session and measures the
 * batch size, seconds that would otherwise dominate a retrain after adding a few photos (docs/benchmarks.md). At
 * most {@value #KEPT} backbones stay open; the least recently used one is closed when the limit is passed.
 *
 * <p>Callers get a lease: closing it leaves the extractor open, and calls to one extractor are limited to the
 * callers it takes at once ({@link FeatureExtractor#concurrentCallers()}), since Train, Classify and Curate may share
 * one.
 */
public final class KeptExtractors implements ExtractorFactory, AutoCloseable {

    /** One backbone in use plus one being compared is the common case; each holds tens of MB of weights. */
    static final int KEPT = 2;

    private final ExtractorFactory opener;
    private final Map<String, Kept> open = new LinkedHashMap<>(4, 0.75f, true);

    public KeptExtractors(ExtractorFactory opener) {
        this.opener = opener;
    }

    /** The studio's open backbones, shared by Train, Classify and Curate; they live as long as the studio. */
    public static KeptExtractors studio() {
        return Studio.INSTANCE;
    }

    private static final class Studio {
        static final KeptExtractors INSTANCE = new KeptExtractors(ExtractorFactory.standard());
    }

    @Override
    public FeatureExtractor open(BackboneDescriptor backbone) throws BackboneException {
        return open(backbone, null);
    }

    /** A fine-tuned backbone is kept under its patch's hash, beside the stock one. */
    @Override
    public FeatureExtractor open(BackboneDescriptor backbone, BackbonePatch patch) throws BackboneException {
        return kept(backbone + (patch == null ? "" : "|" + patch.hash()), () -> opener.open(backbone, patch));
    }

    /** Kept under the patch's hash and "stock", beside the fine-tuned backbone alone and the stock one. */
    @Override
    public FeatureExtractor openWithStock(BackboneDescriptor backbone, BackbonePatch patch)
            throws BackboneException {
        return kept(backbone + "|" + patch.hash() + "|stock", () -> opener.openWithStock(backbone, patch));
    }

    @FunctionalInterface
    private interface Opener {
        FeatureExtractor open() throws BackboneException;
    }

    private synchronized FeatureExtractor kept(String key, Opener opener) throws BackboneException {
        Kept kept = open.get(key);
        if (kept == null) {
            FeatureExtractor opened = opener.open();
            kept = new Kept(opened, new Semaphore(opened.concurrentCallers()));
            open.put(key, kept);
            while (open.size() > KEPT) {
                String eldest = open.keySet().iterator().next();
                open.remove(eldest).extractor().close();
            }
        }
        return new Lease(kept.extractor(), kept.callers());
    }

    /** Closes every kept extractor (leases in use keep working until their next call fails). */
    @Override
    public synchronized void close() {
        open.values().forEach(kept -> kept.extractor().close());
        open.clear();
    }

    private record Kept(FeatureExtractor extractor, Semaphore callers) {
    }

    /** A shared extractor: calls within its callers' limit, and a close that leaves it open for the next user. */
    private record Lease(FeatureExtractor shared, Semaphore callers) implements FeatureExtractor {

        @Override
        public String backboneId() {
            return shared.backboneId();
        }

        @Override
        public InputSpec inputSpec() {
            return shared.inputSpec();
        }

        @Override
        public int featureDim() {
            return shared.featureDim();
        }

        @Override
        public int batchSize() {
            return shared.batchSize();
        }

        @Override
        public int concurrentCallers() {
            return shared.concurrentCallers();
        }

        @Override
        public float[][] extract(float[] pixels, int count) {
            callers.acquireUninterruptibly();
            try {
                return shared.extract(pixels, count);
            } finally {
                callers.release();
            }
        }

        @Override
        public java.util.Optional<String> noFeatureMaps() {
            return shared.noFeatureMaps();
        }

        @Override
        public FeatureMaps extractMaps(float[] pixels) {
            callers.acquireUninterruptibly();
            try {
                return shared.extractMaps(pixels);
            } finally {
                callers.release();
            }
        }

        @Override
        public void close() {
            // Kept open for the next retrain or classification.
        }
    }
}
