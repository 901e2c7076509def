package dev.loupe.engine.embedding;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Both top-k entry points against a stable sort: the largest first, equal values in index order. */
class TopSimilarTest {

    @Test
    void floatSimilaritiesMatchAStableSortWithOffsetAndSkip() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = random.nextInt(40);
            int offset = random.nextInt(5);
            float[] sims = new float[offset + n + 3];
            for (int i = 0; i < sims.length; i++) {
                sims[i] = random.nextInt(6) / 5f - 0.4f; // few values: many ties
            }
            int skip = n == 0 || random.nextBoolean() ? -1 : random.nextInt(n);
            int k = random.nextInt(n + 2);
            List<Neighbour> found = TopSimilar.of(sims, offset, n, k, skip);
            int[] expected = IntStream.range(0, n).filter(j -> j != skip).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> -sims[offset + j]))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(found.stream().mapToInt(Neighbour::index).toArray()).containsExactly(expected);
            for (Neighbour nb : found) {
                assertThat(nb.similarity()).isEqualTo(sims[offset + nb.index()]);
            }
        }
    }

    @Test
    void indicesOfLargestAreTheStableSortsFirstK() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            double[] values = new double[1 + random.nextInt(40)];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(3) == 0 ? Double.NEGATIVE_INFINITY : random.nextInt(7) * 0.25;
            }
            int k = random.nextInt(values.length + 1);
            int[] expected = IntStream.range(0, values.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> -values[j]))
                    .limit(k).mapToInt(Integer::intValue).sorted().toArray();
            int[] found = TopSimilar.indicesOfLargest(values, k);
            Arrays.sort(found);
            assertThat(found).containsExactly(expected);
        }
    }

    @Test
    void nothingAskedNothingFound() {
        assertThat(TopSimilar.of(new float[] {1, 2}, 0, 2, 0, -1)).isEmpty();
        assertThat(TopSimilar.indicesOfLargest(new double[] {1, 2}, 0)).isEmpty();
    }
}
