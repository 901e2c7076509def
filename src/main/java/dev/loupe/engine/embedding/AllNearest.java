package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.NdArrays;
import dev.loupe.engine.util.Natives;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact k most similar others of every vector (cosine), as the audit needs them for every image. One query at a
 * time would be n scans of plain Java dot products (minutes at 10,000 images); here blocks of rows are multiplied
 * with all the rows at once by ND4J's BLAS, the same arithmetic at matrix-multiply speed (seconds).
 */
public final class AllNearest {

    /** Similarities held at once: block rows x n floats, about 32 MB, whatever the dataset's size. */
    private static final int BLOCK_VALUES = 8_000_000;

    private AllNearest() {
    }

    /** {@code result.get(i)}: the {@code k} vectors most similar to vector i (itself excluded), most similar first. */
    public static List<List<Neighbour>> of(float[][] vectors, int k, JobMonitor monitor) {
        int n = vectors.length;
        List<List<Neighbour>> result = new ArrayList<>(n);
        if (n == 0) {
            return result;
        }
        Natives.configure();
        float[][] unit = new float[n][];
        for (int i = 0; i < n; i++) {
            unit[i] = CosineIndex.normalised(vectors[i]);
        }
        int keep = Math.min(k, n - 1);
        int block = Math.max(1, Math.min(512, BLOCK_VALUES / n));
        try (INDArray all = NdArrays.fromRows(unit, unit[0].length)) {
            INDArray transposed = all.transpose();
            for (int start = 0; start < n; start += block) {
                monitor.checkCancelled();
                monitor.progress(start, n);
                int end = Math.min(n, start + block);
                INDArray rows = all.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
                // Read back in one copy: toFloatMatrix() would make a native view per row.
                float[] sims = rows.mmul(transposed).dup('c').data().asFloat();
                for (int r = 0; r < end - start; r++) {
                    result.add(TopSimilar.of(sims, r * n, n, keep, start + r));
                }
            }
        }
        monitor.progress(n, n);
        return result;
    }
}
