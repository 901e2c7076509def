package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Natives;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
        try (INDArray all = Nd4j.create(unit)) {
            INDArray transposed = all.transpose();
            for (int start = 0; start < n; start += block) {
                monitor.checkCancelled();
                monitor.progress(start, n);
                int end = Math.min(n, start + block);
                INDArray rows = all.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
                float[][] sims = rows.mmul(transposed).toFloatMatrix();
                for (int r = 0; r < sims.length; r++) {
                    result.add(best(sims[r], keep, start + r));
                }
            }
        }
        monitor.progress(n, n);
        return result;
    }

    /** The {@code k} largest similarities of {@code row} but {@code self}, by insertion into a small sorted buffer. */
    static List<Neighbour> best(float[] row, int k, int self) {
        int[] index = new int[k];
        float[] sim = new float[k];
        int filled = 0;
        for (int j = 0; j < row.length && k > 0; j++) {
            float s = row[j];
            if (j == self || (filled == k && s <= sim[k - 1])) {
                continue;
            }
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && sim[pos - 1] < s) {
                sim[pos] = sim[pos - 1];
                index[pos] = index[pos - 1];
                pos--;
            }
            sim[pos] = s;
            index[pos] = j;
        }
        List<Neighbour> out = new ArrayList<>(filled);
        for (int i = 0; i < filled; i++) {
            out.add(new Neighbour(index[i], sim[i]));
        }
        return out;
    }
}
