package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The Barnes-Hut t-SNE against the exact one on 2,000 points in 50-D (the size): same trustworthiness
 * (k = 10) within 0.02, and most of the class structure kept. The figures are logged, not timed; the exact O(n^2)
 * run takes about 7 s on 2,000 points on a 2-core machine, so CI can afford the size.
 */
class TsneTest {

    private static Clusters data;
    private static TsneLayout barnesHut;
    private static RecordingMonitor bhMonitor;

    @BeforeAll
    static void embed() {
        data = Clusters.make(10, 200, 50, 0.7, 7);
        bhMonitor = new RecordingMonitor(0);
        barnesHut = Tsne.barnesHut(TsneConfig.defaults()).run(data.x(), bhMonitor);
    }

    @Test
    void barnesHutIsAsTrustworthyAsExact() {
        TsneLayout exact = Tsne.exact(TsneConfig.defaults()).run(data.x(), JobMonitor.silent());
        double tBh = trust(barnesHut);
        double tExact = trust(exact);
        System.out.printf("trustworthiness(10): Barnes-Hut %.4f, exact %.4f%n", tBh, tExact);
        assertThat(tBh).isCloseTo(tExact, within(0.02));
        assertThat(tBh).isGreaterThan(0.85); // isotropic noise inside a cluster has no local order a map could keep
    }

    @Test
    void keepsTheClassStructure() {
        double high = EmbeddingQuality.knnAccuracy(data.x(), data.labels(), 10, JobMonitor.silent());
        double low = EmbeddingQuality.knnAccuracy(EmbeddingQuality.points(barnesHut), data.labels(), 10,
                JobMonitor.silent());
        System.out.printf("10-NN accuracy: original %.4f, 2-D %.4f, ratio %.4f%n", high, low, low / high);
        assertThat(high).isLessThan(1.0); // the clusters overlap: the ratio means something
        assertThat(low / high).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void reportsPartialLayoutsEvery25Iterations() {
        assertThat(bhMonitor.partials).hasSize(TsneConfig.defaults().iterations() / 25 - 1);
        TsneLayout first = (TsneLayout) bhMonitor.partials.get(0);
        assertThat(first.iteration()).isEqualTo(25);
        assertThat(first.size()).isEqualTo(2000);
        assertThat(barnesHut.finished()).isTrue();
        // Each partial owns its arrays: the optimiser going on must not change what was reported.
        TsneLayout last = (TsneLayout) bhMonitor.partials.get(bhMonitor.partials.size() - 1);
        assertThat(last.x()).isNotSameAs(barnesHut.x()).isNotEqualTo(first.x());
    }

    @Test
    void sameSeedSameMap() {
        Clusters small = Clusters.make(3, 40, 10, 1, 3);
        TsneConfig quick = TsneConfig.defaults().withIterations(100, 50);
        TsneLayout a = Tsne.barnesHut(quick).run(small.x(), JobMonitor.silent());
        TsneLayout b = Tsne.barnesHut(quick).run(small.x(), JobMonitor.silent());
        assertThat(a.x()).isEqualTo(b.x());
        assertThat(a.y()).isEqualTo(b.y());
    }

    /**
     * Renumbering the points in the quadtree's order as the map forms (for the memory's sake) gives the map, partial
     * layouts included, bit for bit, in the caller's order.
     */
    @Test
    void renumberingThePointsDoesNotChangeTheMap() {
        Clusters small = Clusters.make(5, 200, 20, 0.7, 11);
        TsneConfig quick = TsneConfig.defaults().withIterations(120, 60);
        RecordingMonitor plain = new RecordingMonitor(0);
        RecordingMonitor renumbered = new RecordingMonitor(0);
        TsneLayout a = Tsne.barnesHut(quick).renumberingEvery(0).run(small.x(), plain);
        TsneLayout b = Tsne.barnesHut(quick).renumberingEvery(7).run(small.x(), renumbered);
        assertThat(b.x()).isEqualTo(a.x());
        assertThat(b.y()).isEqualTo(a.y());
        assertThat(renumbered.partials).hasSize(plain.partials.size());
        for (int k = 0; k < plain.partials.size(); k++) {
            assertThat(((TsneLayout) renumbered.partials.get(k)).x()).isEqualTo(((TsneLayout) plain.partials.get(k)).x());
        }
    }

    /** What the renumbering uses: the tree's order is a permutation, and the affinities follow it. */
    @Test
    void theTreeOrdersThePointsAndTheAffinitiesFollow() {
        int n = 1000;
        java.util.Random r = new java.util.Random(5);
        double[] y = new double[2 * n];
        for (int k = 0; k < 2 * n; k++) {
            y[k] = r.nextGaussian() * 10;
        }
        Affinities p = Affinities.fromNeighbours(KnnGraph.exact(Clusters.make(5, 200, 20, 0.7, 3).x(), 9,
                JobMonitor.silent()), 3);
        BarnesHutGradient gradient = new BarnesHutGradient(p, 0.5);
        gradient.compute(y, new double[2 * n], 1);
        int[] order = gradient.spatialOrder();
        assertThat(order.clone()).isNotEqualTo(identity(n));
        int[] sorted = order.clone();
        java.util.Arrays.sort(sorted);
        assertThat(sorted).isEqualTo(identity(n));
        Affinities q = p.permuted(order);
        int[] slot = new int[n];
        for (int s = 0; s < n; s++) {
            slot[order[s]] = s;
        }
        for (int i = 0; i < n; i++) {
            int s = slot[i];
            assertThat(q.rowStart()[s + 1] - q.rowStart()[s]).isEqualTo(p.rowStart()[i + 1] - p.rowStart()[i]);
            for (int m = 0; m < p.rowStart()[i + 1] - p.rowStart()[i]; m++) {
                assertThat(q.cols()[q.rowStart()[s] + m]).isEqualTo(slot[p.cols()[p.rowStart()[i] + m]]);
                assertThat(q.vals()[q.rowStart()[s] + m]).isEqualTo(p.vals()[p.rowStart()[i] + m]);
            }
        }
    }

    private static int[] identity(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    @Test
    void stopsWhenCancelled() {
        RecordingMonitor monitor = new RecordingMonitor(2);
        assertThatThrownBy(() -> Tsne.barnesHut(TsneConfig.defaults()).run(data.x(), monitor))
                .isInstanceOf(CancelledException.class);
        assertThat(monitor.partials).hasSize(2);
    }

    private static double trust(TsneLayout layout) {
        return EmbeddingQuality.trustworthiness(data.x(), EmbeddingQuality.points(layout), 10, JobMonitor.silent());
    }
}
