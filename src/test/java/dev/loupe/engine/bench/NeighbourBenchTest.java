package dev.loupe.engine.bench;

import dev.loupe.engine.embedding.CosineIndex;
import dev.loupe.engine.embedding.Neighbour;
import dev.loupe.engine.embedding.NeighbourIndex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NeighbourBenchTest {

    /** An "index" that ignores the query and returns the first k rows: what a broken approximate index might do. */
    private static NeighbourIndex firstRows(float[][] x) {
        return new NeighbourIndex() {
            @Override
            public int size() {
                return x.length;
            }

            @Override
            public List<Neighbour> nearest(float[] query, int k, int exclude) {
                List<Neighbour> out = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    out.add(new Neighbour(i, 0));
                }
                return out;
            }
        };
    }

    @Test
    void givesARowPerIndexAndSizeWithRecallAgainstTheExactIndex() {
        NeighbourBench bench = new NeighbourBench(List.of(
                new NeighbourBench.IndexKind("exact cosine", CosineIndex::new),
                new NeighbourBench.IndexKind("first rows", NeighbourBenchTest::firstRows)),
                new int[] {500, 2_000}, 10, 20, 2);

        List<BenchReport.NeighbourQuery> rows = bench.run();

        assertThat(rows).extracting(BenchReport.NeighbourQuery::index, BenchReport.NeighbourQuery::vectors)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("exact cosine", 500),
                        org.assertj.core.groups.Tuple.tuple("first rows", 500),
                        org.assertj.core.groups.Tuple.tuple("exact cosine", 2_000),
                        org.assertj.core.groups.Tuple.tuple("first rows", 2_000));
        assertThat(rows.get(0).recall()).isEqualTo(1.0);
        // 10 clusters: the first 10 rows share a query's cluster about once in ten, and are rarely its nearest.
        assertThat(rows.get(1).recall()).isLessThan(0.1);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.dim()).isEqualTo(ClusteredVectors.DIM);
            assertThat(r.p50Millis()).isPositive().isLessThanOrEqualTo(r.p95Millis());
            assertThat(r.queries()).isEqualTo(20);
        });
    }

    @Test
    void recallCountsTheShareOfReferenceNeighboursFound() {
        List<java.util.Set<Integer>> reference = List.of(java.util.Set.of(1, 2, 3, 4), java.util.Set.of(5, 6));
        List<java.util.Set<Integer>> answers = List.of(java.util.Set.of(1, 2, 9, 8), java.util.Set.of(5, 6));
        assertThat(NeighbourBench.recall(answers, reference)).isCloseTo(4 / 6.0, within(1e-12));
    }
}
