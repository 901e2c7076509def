package dev.loupe.spark;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.ExtractionPipeline;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.util.Hashes;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One partition's files through one network, a batch at a time, on the task's own thread (Spark gives a task one
 * core): decode a batch into one tensor, run it, hand out the results, read the next batch. The same decoding and
 * the same tensor layout as the desktop's workers ({@code ParallelExtraction}), so the features are the same. Lazy,
 * so a partition of 12-megapixel photos never sits in memory whole. An image that cannot be decoded gets its reason
 * and the batch goes on without it.
 */
final class PartitionRunner implements Iterator<ImageResult> {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRunner.class);

    private final Iterator<Row> rows;
    private final FeatureExtractor network;
    private final LongAccumulator done;
    private final LongAccumulator unreadable;
    private final Deque<ImageResult> ready = new ArrayDeque<>();

    /** @param rows {@code path} (string) and {@code content} (binary) first, as the binaryFile source gives them */
    PartitionRunner(Iterator<Row> rows, FeatureExtractor network, LongAccumulator done, LongAccumulator unreadable) {
        this.rows = rows;
        this.network = network;
        this.done = done;
        this.unreadable = unreadable;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && rows.hasNext()) {
            runBatch();
        }
        return !ready.isEmpty();
    }

    @Override
    public ImageResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void runBatch() {
        InputSpec spec = network.inputSpec();
        int per = spec.valuesPerImage();
        int batch = Math.max(1, network.batchSize());
        List<String> paths = new ArrayList<>(batch);
        List<String> hashes = new ArrayList<>(batch);
        Object[] prepared = new Object[batch];
        float[] tensor = new float[batch * per];
        int[] slots = new int[batch];
        int filled = 0;
        while (paths.size() < batch && rows.hasNext()) {
            Row row = rows.next();
            String path = row.getString(0);
            byte[] content = row.getAs(1);
            int i = paths.size();
            paths.add(path);
            hashes.add(Hashes.sha256(content));
            int offset = filled * per;
            prepared[i] = ExtractionPipeline.prepareOrReason((index, s) -> {
                ImagePreparer.prepare(displayName(path), content, s, tensor, offset);
                return tensor;
            }, i, spec);
            if (prepared[i] instanceof float[]) {
                slots[filled++] = i;
            }
        }
        float[][] outputs = filled == 0 ? new float[0][] : network.extract(tensor, filled);
        float[][] byInput = new float[paths.size()][];
        for (int k = 0; k < filled; k++) {
            byInput[slots[k]] = outputs[k];
        }
        for (int i = 0; i < paths.size(); i++) {
            String reason = prepared[i] instanceof String r ? r : null;
            if (reason != null) {
                unreadable.add(1);
                LOG.warn("{}: {}", paths.get(i), reason);
            }
            ready.add(new ImageResult(paths.get(i), hashes.get(i), byInput[i], reason));
        }
        done.add(paths.size());
    }

    /** "folder/name.jpg" for messages, from a Hadoop URI or a plain path. */
    static Path displayName(String path) {
        try {
            String p = URI.create(path).getPath();
            return Path.of(p == null || p.isEmpty() ? path : p);
        } catch (IllegalArgumentException e) {
            return Path.of(path);
        }
    }
}
