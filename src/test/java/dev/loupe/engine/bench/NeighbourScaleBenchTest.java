package dev.loupe.engine.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scale rows of the neighbour bench, on sizes a test can afford; the figures are for {@code loupe bench --scale}. */
class NeighbourScaleBenchTest {

    @Test
    void reportsBuildMemoryQueriesAndRecallAgainstTheExactScan() {
        List<BenchReport.NeighbourQuery> rows = new NeighbourScaleBench(new int[] {3_000}, 128, 10, 30)
                .run(m -> { });
        assertThat(rows).hasSize(1);
        BenchReport.NeighbourQuery row = rows.get(0);
        assertThat(row.index()).startsWith("HNSW");
        assertThat(row.vectors()).isEqualTo(3_000);
        assertThat(row.buildSeconds()).isPositive();
        assertThat(row.buildCpuSeconds()).isPositive();
        assertThat(row.indexMb()).isPositive();
        assertThat(row.p50Millis()).isPositive().isLessThanOrEqualTo(row.p95Millis());
        assertThat(row.recall()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void saysWhatHeapASizeThatDoesNotFitNeeds() {
        List<String> said = new ArrayList<>();
        List<BenchReport.NeighbourQuery> rows = new NeighbourScaleBench(new int[] {1_000_000_000}, 1280, 10, 30)
                .run(said::add);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.index()).contains("not run").contains("-Xmx");
            assertThat(r.queries()).isZero();
        });
        assertThat(said).singleElement().asString().contains("LOUPE_JAVA_OPTS=-Xmx");
    }
}
