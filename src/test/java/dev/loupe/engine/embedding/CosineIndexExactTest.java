package dev.loupe.engine.embedding;

import dev.loupe.engine.bench.FeatureLikeVectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CosineIndex} reads a row's floats only when its one-byte code cannot rule it out: these check that this never
 * changes an answer. Each query is answered twice more, by a double-precision scan of every row (the answer may
 * differ only between rows whose cosines are within float rounding of each other) and by the index's own float
 * cosine of every row (the answer must be identical, ties in the same order: higher similarity first, then the lower
 * row), on feature-like clusters and on data made to defeat the filter.
 */
class CosineIndexExactTest {

    /** Two cosines closer than this are a tie for float arithmetic on these widths; the codes' bounds are ~1e-2. */
    private static final double TIE = 2e-5;

    @Test
    void featureLikeClustersGiveTheExactTopK() {
        float[][] x = FeatureLikeVectors.clustered(1_700, 1_280, 12, 3); // past two million products: split over cores
        Random r = new Random(4);
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 15; q++) {
            queries.add(x[r.nextInt(x.length)]);
            queries.add(FeatureLikeVectors.clustered(1, 1_280, 12, 100 + q)[0]);
        }
        queries.add(new float[1_280]); // rules nothing out: every row is re-read in floats
        check(x, queries, new int[] {1, 10, 50});
    }

    /**
     * The projected bound must do the work on clustered data (decide most queries itself, not hand them to the full
     * codes), and its answers must be exact too.
     */
    @Test
    void theProjectedBoundDecidesMostQueriesExactly() {
        float[][] all = FeatureLikeVectors.clustered(4_040, 256, 2, 7); // the last 40: fresh points, the same clusters
        float[][] x = java.util.Arrays.copyOf(all, 4_000);
        CosineIndex index = new CosineIndex(x, 96);
        List<float[]> queries = new ArrayList<>();
        int decided = 0;
        for (int q = 4_000; q < all.length; q++) {
            queries.add(all[q]);
            int[] left = index.firstBound(CosineIndex.normalised(all[q]), 10, -1, 1e-4);
            decided += left != null ? 1 : 0;
        }
        assertThat(decided).isGreaterThanOrEqualTo(30);
        queries.add(x[17]);
        check(index, x, queries, new int[] {1, 10, 50});
    }

    /** Near-ties far below the codes' resolution, exact duplicates, zero rows, spikes, opposite rows, odd widths. */
    @Test
    void adversarialRowsGiveTheExactTopK() {
        Random r = new Random(5);
        int dim = 67; // neither a multiple of 4 (the code words) nor of 8 (the float sums)
        float[] base = gaussian(r, dim);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            float[] v = base.clone();
            v[r.nextInt(dim)] += (float) (r.nextGaussian() * 1e-4); // cosines within 1e-8..1e-4 of each other
            rows.add(v);
        }
        for (int i = 0; i < 300; i++) {
            rows.add(gaussian(r, dim));
        }
        for (int i = 0; i < 20; i++) {
            rows.add(new float[dim]);
            rows.add(base.clone()); // duplicates: identical cosines, the lower row first
            float[] spike = gaussian(r, dim);
            spike[i] = 1e4f; // one huge component makes every other code coarse
            rows.add(spike);
            float[] opposite = base.clone();
            for (int j = 0; j < dim; j++) {
                opposite[j] = -opposite[j];
            }
            rows.add(opposite);
        }
        java.util.Collections.shuffle(rows, r);
        float[][] x = rows.toArray(float[][]::new);
        List<float[]> queries = new ArrayList<>(List.of(base, new float[dim], x[3], x[100], gaussian(r, dim)));
        float[] spiky = gaussian(r, dim);
        spiky[5] = -1e4f;
        queries.add(spiky);
        check(x, queries, new int[] {1, 5, 40, x.length});
    }

    @Test
    void duplicatesComeInRowOrderAndTheExcludedRowIsLeftOut() {
        float[][] x = new float[50][];
        Random r = new Random(6);
        for (int i = 0; i < x.length; i++) {
            x[i] = gaussian(r, 33);
        }
        for (int i : new int[] {7, 21, 40}) {
            x[i] = x[3].clone();
        }
        CosineIndex index = new CosineIndex(x);
        assertThat(index.nearest(x[3], 4)).extracting(Neighbour::index).containsExactly(3, 7, 21, 40);
        assertThat(index.nearest(x[3], 3, 7)).extracting(Neighbour::index).containsExactly(3, 21, 40);
        assertThat(index.nearest(x[3], 0)).isEmpty();
        assertThat(new CosineIndex(new float[0][]).nearest(new float[0], 3)).isEmpty();
    }

    /** Both ways: the full codes alone, and the projected bound first (on few axes, so that it rules out less). */
    private static void check(float[][] x, List<float[]> queries, int[] ks) {
        check(new CosineIndex(x, 0), x, queries, ks);
        check(new CosineIndex(x, Math.min(64, x[0].length / 3)), x, queries, ks);
    }

    private static void check(CosineIndex index, float[][] x, List<float[]> queries, int[] ks) {
        for (float[] query : queries) {
            for (int k : ks) {
                for (int exclude : new int[] {-1, 0, x.length / 2}) {
                    List<Neighbour> found = index.nearest(query, k, exclude);
                    assertThat(found).isEqualTo(floatScan(index, query, k, exclude));
                    assertWithinTiesOfDoubleScan(x, query, k, exclude, found);
                }
            }
        }
    }

    /** What a scan of every row by the index's own float cosine gives, ties to the lower row. */
    private static List<Neighbour> floatScan(CosineIndex index, float[] query, int k, int exclude) {
        float[] q = CosineIndex.normalised(query);
        float[] sims = new float[index.size()];
        for (int i = 0; i < sims.length; i++) {
            sims[i] = index.similarity(q, i);
        }
        return TopSimilar.of(sims, 0, sims.length, Math.min(k, sims.length - (exclude >= 0 ? 1 : 0)), exclude);
    }

    private static void assertWithinTiesOfDoubleScan(float[][] x, float[] query, int k, int exclude,
                                                     List<Neighbour> found) {
        double[] expected = IntStream.range(0, x.length).filter(i -> i != exclude)
                .mapToDouble(i -> cosine(query, x[i])).boxed().sorted(Comparator.reverseOrder())
                .limit(k).mapToDouble(Double::doubleValue).toArray();
        assertThat(found).hasSize(expected.length);
        assertThat(found.stream().mapToInt(Neighbour::index).distinct().count()).isEqualTo(found.size());
        for (int rank = 0; rank < found.size(); rank++) {
            Neighbour nb = found.get(rank);
            double exact = cosine(query, x[nb.index()]);
            assertThat(nb.index()).isNotEqualTo(exclude);
            assertThat(Math.abs(exact - expected[rank])).as("rank %d of %d: row %d", rank, k, nb.index())
                    .isLessThanOrEqualTo(TIE);
            assertThat(Math.abs(nb.similarity() - exact)).isLessThanOrEqualTo(TIE);
        }
    }

    private static float[] gaussian(Random r, int dim) {
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) {
            v[j] = (float) r.nextGaussian();
        }
        return v;
    }

    /** In double, on the vectors as given; a zero vector has cosine 0 with everything. */
    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
