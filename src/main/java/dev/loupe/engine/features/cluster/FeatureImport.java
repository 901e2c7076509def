package dev.loupe.engine.features.cluster;

import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.catalogue.FeatureStore;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.ContentHashes;
import dev.loupe.engine.features.ImageProblem;
import dev.loupe.engine.jobs.JobMonitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Loads features computed on a cluster into a dataset's catalogue, so training, the map, the audit and similar-image
 * search use them without extracting again. A row is taken only where it fits: its content hash is an image of
 * this dataset (hashed here, so a photo edited since is not matched), its backbone is known here, and it was
 * prepared with the preprocessing version this Loupe uses for that backbone, with a vector of that backbone's
 * size. The table is untrusted input: every other row is counted and said, never stored.
 */
public final class FeatureImport {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int FLUSH_EVERY = 1000;

    private final BackboneRegistry backbones;

    public FeatureImport(BackboneRegistry backbones) {
        this.backbones = backbones;
    }

    public ImportResult run(DatasetSnapshot dataset, Catalogue catalogue, Path table, JobMonitor monitor)
            throws IOException {
        monitor.stage("Hashing " + Plurals.of(dataset.images().size(), "image"));
        List<ImageProblem> problems = new ArrayList<>();
        Set<String> hashes = new HashSet<>(ContentHashes.of(dataset.images(), catalogue.fileHashes(), monitor,
                problems).values());
        problems.forEach(p -> monitor.warning(p.toString()));

        long total = ParquetFeatures.count(table);
        monitor.stage("Importing " + total + " features from " + table.getFileName());
        FeatureStore store = catalogue.features();
        Counts counts = new Counts();
        Map<BackboneDescriptor, Map<String, float[]>> pending = new HashMap<>();
        ParquetFeatures.read(table, row -> {
            monitor.checkCancelled();
            if (row.formatVersion() > FeatureColumns.FORMAT_VERSION) {
                throw new IOException(table + " was written by a newer Loupe (features format " + row.formatVersion()
                        + "; this one reads up to " + FeatureColumns.FORMAT_VERSION + "): update Loupe");
            }
            BackboneDescriptor backbone = backbones.find(row.backbone()).orElse(null);
            String refusal = refusal(row, backbone);
            if (row.features() == null && row.error() != null) {
                counts.failed++;
            } else if (refusal != null) {
                counts.refused++;
                counts.reasons.merge(refusal, 1L, Long::sum);
            } else if (!hashes.contains(row.hash())) {
                counts.notInDataset++;
            } else {
                Map<String, float[]> batch = pending.computeIfAbsent(backbone, b -> new HashMap<>());
                batch.put(row.hash(), row.features());
                if (batch.size() >= FLUSH_EVERY) {
                    flush(store, backbone, batch);
                }
                counts.imported++;
            }
            monitor.progress(++counts.rows, total);
        });
        Map<String, Integer> stillMissing = new TreeMap<>();
        for (Map.Entry<BackboneDescriptor, Map<String, float[]>> e : pending.entrySet()) {
            BackboneDescriptor b = e.getKey();
            flush(store, b, e.getValue());
            int have = store.get(b.id(), b.input().preprocessingVersion(), hashes).size();
            stillMissing.put(b.id(), hashes.size() - have);
        }
        return new ImportResult(counts.rows, counts.imported, counts.notInDataset, counts.failed, counts.refused,
                counts.reasons, stillMissing);
    }

    /** Why a row with features cannot be stored, or null when it can. */
    private static String refusal(ClusterFeature row, BackboneDescriptor backbone) {
        if (row.features() == null) {
            return "no features and no reason";
        }
        if (backbone == null) {
            return "backbone " + row.backbone() + " is not known to this Loupe (see loupe backbones)";
        }
        int prep = backbone.input().preprocessingVersion();
        if (row.preprocessing() != prep) {
            return backbone.id() + " features prepared with preprocessing version " + row.preprocessing()
                    + ", this Loupe uses " + prep + ": run loupe-spark features again with this version";
        }
        if (row.features().length != backbone.featureDim()) {
            return backbone.id() + " vectors of " + row.features().length + " values, not "
                    + backbone.featureDim();
        }
        for (float f : row.features()) {
            if (!Float.isFinite(f)) {
                return "vectors with a missing or infinite value";
            }
        }
        if (row.hash() == null || !SHA256.matcher(row.hash()).matches()) {
            return "content hashes that are not SHA-256";
        }
        return null;
    }

    private static void flush(FeatureStore store, BackboneDescriptor backbone, Map<String, float[]> batch)
            throws IOException {
        store.putAll(backbone.id(), backbone.input().preprocessingVersion(), batch);
        batch.clear();
    }

    private static final class Counts {
        long rows;
        long imported;
        long notInDataset;
        long failed;
        long refused;
        final Map<String, Long> reasons = new TreeMap<>();
    }
}
