package dev.loupe.engine.embedding;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding 100 images to a mapped dataset of 1,000 places them among their own cluster without a new t-SNE, keeps
 * every old point where it was, and says the map is approximate; removed images leave, moved ones keep their place.
 */
class MapUpdateTest {

    private static Clusters data;
    private static DatasetMap map;

    @BeforeAll
    static void mapFirstThousand() {
        data = Clusters.make(5, 220, 50, 1.5, 11);
        map = EmbeddingService.map(set(samples(0, 1000)), TsneConfig.defaults(), JobMonitor.silent());
    }

    @Test
    void placesHundredNewImagesAmongTheirClusterWithoutMovingTheOthers() {
        DatasetMap updated = MapUpdate.apply(map, set(samples(0, 1100)), JobMonitor.silent());
        assertThat(updated.size()).isEqualTo(1100);
        assertThat(updated.placed()).isEqualTo(100);
        assertThat(updated.approximate()).isTrue();
        assertThat(map.approximate()).isFalse();
        for (int i = 0; i < 1000; i++) {
            assertThat(updated.layout().x()[i]).isEqualTo(map.layout().x()[i]);
            assertThat(updated.layout().y()[i]).isEqualTo(map.layout().y()[i]);
        }
        // Each new point's nearest old point on the map is of its own cluster.
        int right = 0;
        for (int i = 1000; i < 1100; i++) {
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 1000; j++) {
                double dx = updated.layout().x()[i] - map.layout().x()[j];
                double dy = updated.layout().y()[i] - map.layout().y()[j];
                if (dx * dx + dy * dy < best) {
                    best = dx * dx + dy * dy;
                    nearest = j;
                }
            }
            right += data.labels()[nearest] == data.labels()[i] ? 1 : 0;
        }
        assertThat(right).isGreaterThanOrEqualTo(95);
        // The similar-image index covers the new images too.
        assertThat(updated.similar(data.x()[1050], 1).get(0).index()).isEqualTo(1050);
    }

    @Test
    void removedImagesLeaveAndMovedOnesKeepTheirPlace() {
        List<Sample> now = new ArrayList<>(samples(10, 1000));
        Sample moved = now.remove(0); // image 10, now under another name
        now.add(new Sample(new ImageEntry(Path.of("/d/elsewhere/10.png"), "elsewhere/10.png", "elsewhere"),
                moved.hash(), moved.features()));
        DatasetMap updated = MapUpdate.apply(map, set(now), JobMonitor.silent());
        assertThat(updated.size()).isEqualTo(990);
        assertThat(updated.placed()).isZero();
        assertThat(updated.layout().x()[989]).isEqualTo(map.layout().x()[10]);
        assertThat(updated.layout().x()[0]).isEqualTo(map.layout().x()[11]);
    }

    private static List<Sample> samples(int from, int to) {
        List<Sample> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String rel = "c" + data.labels()[i] + "/" + i + ".png";
            out.add(new Sample(new ImageEntry(Path.of("/d/" + rel), rel, "c" + data.labels()[i]), "h" + i,
                    data.x()[i]));
        }
        return out;
    }

    private static FeatureSet set(List<Sample> samples) {
        return new FeatureSet("test", samples, List.of(), 0, samples.size());
    }
}
