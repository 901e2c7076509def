package dev.loupe.engine.dataset;

import dev.loupe.engine.util.Hashes;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetSplitTest {

    @Test
    void aboutTheRequestedShareGoesToValidation() {
        long validation = IntStream.range(0, 10_000).mapToObj(i -> Hashes.sha256("image " + i))
                .filter(h -> DatasetSplit.isValidation(h, 20)).count();
        assertThat(validation).isBetween(1_850L, 2_150L);
    }

    @Test
    void theSideOfAnImageDependsOnlyOnItsContentAndTheShare() {
        String h = Hashes.sha256("a photo");
        boolean first = DatasetSplit.isValidation(h, 20);
        for (int i = 0; i < 5; i++) {
            assertThat(DatasetSplit.isValidation(h, 20)).isEqualTo(first);
        }
        assertThat(DatasetSplit.isValidation(h, 0)).isFalse();
        assertThat(DatasetSplit.isValidation(h, 99.99)).isTrue();
    }

    @Test
    void growingTheShareOnlyMovesImagesFromTrainingToValidation() {
        IntStream.range(0, 2_000).mapToObj(i -> Hashes.sha256("x" + i)).forEach(h -> {
            if (DatasetSplit.isValidation(h, 10)) {
                assertThat(DatasetSplit.isValidation(h, 20)).isTrue();
            }
        });
    }
}
