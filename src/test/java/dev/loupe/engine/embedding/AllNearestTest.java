package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AllNearestTest {

    /** The blocked matrix-product search must give exactly what one exact query per vector gives. */
    @Test
    void everyVectorsNeighboursEqualTheExactIndexs() {
        Random r = new Random(5);
        float[][] x = new float[700][48];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        x[3] = new float[48]; // a zero vector: similar to nothing, and no NaN
        List<List<Neighbour>> all = AllNearest.of(x, 6, JobMonitor.silent());
        CosineIndex exact = new CosineIndex(x);
        assertThat(all).hasSize(x.length);
        for (int i = 0; i < x.length; i++) {
            List<Neighbour> expected = exact.nearest(x[i], 6, i);
            List<Neighbour> actual = all.get(i);
            assertThat(actual).hasSize(6);
            for (int n = 0; n < 6; n++) {
                assertThat(actual.get(n).similarity()).as("vector %d, neighbour %d", i, n)
                        .isCloseTo(expected.get(n).similarity(), within(1e-5f));
                if (i != 3) {
                    assertThat(actual.get(n).index()).as("vector %d, neighbour %d", i, n)
                            .isEqualTo(expected.get(n).index());
                }
                assertThat(actual.get(n).index()).isNotEqualTo(i);
            }
        }
    }

    @Test
    void tinySetsGiveWhatThereIs() {
        assertThat(AllNearest.of(new float[0][], 5, JobMonitor.silent())).isEmpty();
        List<List<Neighbour>> two = AllNearest.of(new float[][]{{1, 0}, {1, 1}}, 5, JobMonitor.silent());
        assertThat(two.get(0)).extracting(Neighbour::index).containsExactly(1);
        assertThat(two.get(1).get(0).similarity()).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
    }
}
