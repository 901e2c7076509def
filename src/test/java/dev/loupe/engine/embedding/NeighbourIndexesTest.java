package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The HNSW index against the exact scan, and the factory's choice between them. Speed is for the benchmark. */
class NeighbourIndexesTest {

    private static final int K = 10;

    @Test
    void hnswFindsNineInTenOfTheExactNeighbours() {
        // Overlapping Gaussian clusters in 64-d: harder for a graph index than real features (low intrinsic dimension).
        float[][] x = Clusters.make(20, 150, 64, 1.5, 3).x();
        NeighbourIndex exact = NeighbourIndexes.build(x, NeighbourIndexes.Kind.EXACT, JobMonitor.silent());
        NeighbourIndex hnsw = NeighbourIndexes.build(x, NeighbourIndexes.Kind.APPROXIMATE, JobMonitor.silent());
        assertThat(exact).isInstanceOf(CosineIndex.class);
        assertThat(hnsw).isInstanceOf(HnswCosineIndex.class);
        assertThat(hnsw.size()).isEqualTo(x.length);

        Random r = new Random(5);
        int queries = 200;
        double hits = 0;
        for (int q = 0; q < queries; q++) {
            int row = r.nextInt(x.length);
            List<Neighbour> truth = exact.nearest(x[row], K, row);
            List<Neighbour> found = hnsw.nearest(x[row], K, row);
            assertThat(found).hasSize(K).extracting(Neighbour::index).doesNotContain(row).doesNotHaveDuplicates();
            for (int i = 1; i < found.size(); i++) {
                assertThat(found.get(i).similarity()).isLessThanOrEqualTo(found.get(i - 1).similarity());
            }
            // Similarities are the true cosines, whatever the index missed.
            assertThat((double) found.get(0).similarity())
                    .isCloseTo(cosine(x[row], x[found.get(0).index()]), within(1e-5));
            hits += NeighbourIndexBenchmark.overlap(NeighbourIndexBenchmark.ids(found),
                    NeighbourIndexBenchmark.ids(truth));
        }
        assertThat(hits / (queries * K)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void onFeaturesWiderThanItsAxesTheGraphFindsNineteenInTwentyOfTheExactNeighbours() {
        // 1,280-d feature-like vectors: the graph compares codes on 128 principal axes, the re-rank the full vectors.
        float[][] x = dev.loupe.engine.bench.FeatureLikeVectors.clustered(4000, 1280, 40, 11);
        HnswCosineIndex hnsw = HnswCosineIndex.build(x, HnswCosineIndex.Params.DEFAULT, JobMonitor.silent());
        assertThat(hnsw.keyed().basis().dimensions()).isEqualTo(128);
        CosineIndex exact = new CosineIndex(x);
        double hits = 0;
        int queries = 0;
        for (int row = 0; row < x.length; row += 20, queries++) {
            hits += NeighbourIndexBenchmark.overlap(NeighbourIndexBenchmark.ids(hnsw.nearest(x[row], K, row)),
                    NeighbourIndexBenchmark.ids(exact.nearest(x[row], K, row)));
        }
        assertThat(hits / (queries * K)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void exactUpToTheLimitApproximateBeyond() {
        assertThat(NeighbourIndexes.choose(NeighbourIndexes.EXACT_LIMIT)).isEqualTo(NeighbourIndexes.Kind.EXACT);
        assertThat(NeighbourIndexes.choose(NeighbourIndexes.EXACT_LIMIT + 1))
                .isEqualTo(NeighbourIndexes.Kind.APPROXIMATE);
        float[][] small = Clusters.make(3, 10, 8, 1, 1).x();
        assertThat(NeighbourIndexes.build(small, JobMonitor.silent())).isInstanceOf(CosineIndex.class);
    }

    @Test
    void hnswCopesWithTinySetsZeroVectorsAndAskingForTooMany() {
        float[][] x = {{1, 0}, {0.9f, 0.1f}, {0.2f, 1}, {0, 0}};
        NeighbourIndex index = NeighbourIndexes.build(x, NeighbourIndexes.Kind.APPROXIMATE, JobMonitor.silent());
        assertThat(index.nearest(x[0], 2, 0)).extracting(Neighbour::index).containsExactly(1, 2);
        assertThat(index.nearest(x[0], 10)).extracting(Neighbour::index).containsExactly(0, 1, 2, 3);
        assertThat(index.nearest(x[0], 10).get(3).similarity()).isZero(); // the zero vector resembles nothing
        assertThat(index.nearest(x[0], 0)).isEmpty();
        NeighbourIndex empty = NeighbourIndexes.build(new float[0][], NeighbourIndexes.Kind.APPROXIMATE,
                JobMonitor.silent());
        assertThat(empty.nearest(new float[]{1, 0}, 3)).isEmpty();
    }

    @Test
    void aCancelledJobStopsTheBuild() {
        float[][] x = Clusters.make(10, 2_000, 32, 1, 2).x();
        AtomicLong doneWhenCancelled = new AtomicLong(-1);
        JobMonitor cancelAtFirstProgress = new JobMonitor() {
            @Override public void stage(String name) { }
            @Override public void progress(long done, long total) { doneWhenCancelled.compareAndSet(-1, done); }
            @Override public void status(String message) { }
            @Override public void warning(String message) { }
            @Override public void partial(Partial record) { }
            @Override public boolean isCancelled() { return doneWhenCancelled.get() >= 0; }
        };
        assertThatThrownBy(() -> HnswCosineIndex.build(x, HnswCosineIndex.Params.DEFAULT, cancelAtFirstProgress))
                .isInstanceOf(CancelledException.class);
        assertThat(doneWhenCancelled.get()).isLessThan(x.length);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
