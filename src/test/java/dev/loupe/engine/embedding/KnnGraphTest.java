package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KnnGraphTest {

    /**
     * The tiled product search must give what sorting every distance gives, ties aside: 2,500 points span two
     * candidate tiles and twenty query blocks, the last of each partly filled.
     */
    @Test
    void neighboursEqualBruteForce() {
        Random r = new Random(11);
        float[][] x = new float[2_500][10];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (r.nextGaussian() + 3);
            }
        }
        x[7] = x[8].clone(); // a duplicate: distance 0, each the other's nearest
        int k = 15;
        KnnGraph graph = KnnGraph.exact(x, k, JobMonitor.silent());
        int differ = 0;
        for (int i = 0; i < x.length; i++) {
            int self = i;
            double[] all = IntStream.range(0, x.length).mapToDouble(j -> distance(x[self], x[j])).toArray();
            Integer[] order = IntStream.range(0, x.length).filter(j -> j != self).boxed()
                    .sorted(Comparator.comparingDouble(j -> all[j])).toArray(Integer[]::new);
            assertThat(graph.indices()[i]).hasSize(k).doesNotContain(i);
            for (int m = 0; m < k; m++) {
                int ours = graph.indices()[i][m];
                double expected = all[order[m]];
                assertThat((double) graph.distances()[i][m]).as("point %d, neighbour %d", i, m)
                        .isCloseTo(distance(x[i], x[ours]), within(1e-3));
                if (ours != order[m]) {
                    // Only a near-tie may swap places: float products against double sums.
                    assertThat(distance(x[i], x[ours])).as("point %d, neighbour %d", i, m)
                            .isCloseTo(expected, within(1e-3));
                    differ++;
                }
            }
        }
        assertThat(graph.indices()[7][0]).isEqualTo(8);
        assertThat(graph.indices()[8][0]).isEqualTo(7);
        assertThat(differ).as("neighbours in another order than brute force's").isLessThan(20);
    }

    /**
     * Points spread far along one axis (as PCA coordinates are along the first): most candidate tiles are then skipped
     * for lying too far along it, and what is left must still be the exact neighbours: 10,000 points (five tiles),
     * 300 queries checked against sorting every distance.
     */
    @Test
    void skippedTilesLoseNoNeighbour() {
        Random r = new Random(5);
        float[][] x = new float[10_000][6];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
            // The widest axis, not the first; not so wide that the float products' rounding (relative to |x|^2)
            // would blur the distances themselves.
            row[3] = (float) (r.nextDouble() * 120 - 60);
        }
        int k = 20;
        KnnGraph graph = KnnGraph.exact(x, k, JobMonitor.silent());
        int differ = 0;
        for (int i = 0; i < x.length; i += 33) {
            int self = i;
            double[] all = IntStream.range(0, x.length).mapToDouble(j -> distance(x[self], x[j])).toArray();
            Integer[] order = IntStream.range(0, x.length).filter(j -> j != self).boxed()
                    .sorted(Comparator.comparingDouble(j -> all[j])).limit(k).toArray(Integer[]::new);
            for (int m = 0; m < k; m++) {
                int ours = graph.indices()[i][m];
                if (ours != order[m]) {
                    assertThat(all[ours]).as("point %d, neighbour %d", i, m).isCloseTo(all[order[m]], within(1e-3));
                    differ++;
                }
            }
        }
        assertThat(differ).as("neighbours in another order than brute force's").isLessThan(10);
    }

    @Test
    void smallSetsGiveEveryOtherPoint() {
        float[][] x = {{0, 0}, {3, 0}, {1, 0}};
        KnnGraph graph = KnnGraph.exact(x, 5, JobMonitor.silent());
        assertThat(graph.indices()[0]).containsExactly(2, 1);
        assertThat(graph.distances()[0][0]).isCloseTo(1f, within(1e-6f));
        assertThat(graph.distances()[0][1]).isCloseTo(9f, within(1e-5f));
        assertThat(graph.indices()[1]).containsExactly(2, 0);
        assertThat(KnnGraph.exact(new float[0][], 3, JobMonitor.silent()).indices()).isEmpty();
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            double diff = (double) a[c] - b[c];
            s += diff * diff;
        }
        return s;
    }
}
