package dev.loupe.engine.embedding;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CosineIndexTest {

    @Test
    void returnsTheExactTopKByCosine() {
        exactTopK(2000, 64);
    }

    /** Codes are packed four dimensions to an int and the float cosine sums eight at a time: an odd width pads both. */
    @Test
    void returnsTheExactTopKWithAnOddWidthAndRowsLeftOver() {
        exactTopK(2003, 67);
    }

    /** Past two million multiply-adds the code scan is split over the cores, at rows that are not block boundaries. */
    @Test
    void returnsTheExactTopKWhenSplitOverTheCores() {
        exactTopK(1_501, 1_335);
    }

    private static void exactTopK(int n, int dim) {
        Random r = new Random(1);
        float[][] x = new float[n][dim];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        CosineIndex index = new CosineIndex(x);
        for (int q = 0; q < 20; q++) {
            float[] query = x[r.nextInt(x.length)].clone();
            query[0] += 0.5f;
            List<Neighbour> found = index.nearest(query, 8);
            int[] expected = IntStream.range(0, x.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -cosine(query, x[i])))
                    .limit(8).mapToInt(Integer::intValue).toArray();
            assertThat(found.stream().mapToInt(Neighbour::index).toArray()).containsExactly(expected);
            assertThat((double) found.get(0).similarity()).isCloseTo(cosine(query, x[expected[0]]), within(1e-5));
        }
    }

    @Test
    void excludesTheQueryRowAndCopesWithSmallSetsAndZeroVectors() {
        float[][] x = {{1, 0}, {0.9f, 0.1f}, {0, 1}, {0, 0}};
        CosineIndex index = new CosineIndex(x);
        assertThat(index.nearest(x[0], 2, 0)).extracting(Neighbour::index).containsExactly(1, 2);
        assertThat(index.nearest(x[0], 10)).hasSize(4);
        assertThat(index.nearest(x[0], 10).get(3).similarity()).isZero();
    }

    @Test
    void placesANewPointAmongItsNeighbours() {
        float[][] x = {{1, 0}, {0.98f, 0.2f}, {0, 1}, {-1, 0}};
        TsneLayout layout = new TsneLayout(1, 1, new float[]{0, 2, 10, 20}, new float[]{0, 0, 10, 20});
        Placement p = Placement.place(new float[]{1, 0.1f}, new CosineIndex(x), layout, 2);
        assertThat(p.neighbours()).extracting(Neighbour::index).containsExactly(0, 1);
        assertThat((double) p.x()).isBetween(0.9, 1.1); // between its two twins, nowhere near the others
        assertThat((double) p.y()).isCloseTo(0, within(1e-6));
    }

    @Test
    void pcaFindsTheDirectionsOfLargestVariance() {
        Random r = new Random(2);
        float[][] x = new float[500][20];
        for (float[] row : x) {
            double a = r.nextGaussian() * 10;
            double b = r.nextGaussian() * 3;
            for (int j = 0; j < 20; j++) {
                row[j] = (float) ((j == 4 ? a : 0) + (j == 9 ? b : 0) + r.nextGaussian() * 0.1 + 5);
            }
        }
        float[][] p = Pca.project(x, 2, 42);
        assertThat(p[0]).hasSize(2);
        for (int i = 0; i < x.length; i++) {
            assertThat((double) Math.abs(p[i][0])).isCloseTo(Math.abs(x[i][4] - mean(x, 4)), within(0.5));
            assertThat((double) Math.abs(p[i][1])).isCloseTo(Math.abs(x[i][9] - mean(x, 9)), within(0.5));
        }
    }

    private static double mean(float[][] x, int col) {
        return Arrays.stream(x).mapToDouble(row -> row[col]).average().orElse(0);
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
