package dev.loupe.engine.workflow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which model a fine-tuning run keeps, and how it says so: the head alone is the epoch the top must beat. */
class FineTuneSummaryTest {

    private static final FineTuneSummary TUNED =
            new FineTuneSummary("mobilenet-v1-0.75", 1, 4, 2, 0.847, 0.839, true);

    @Test
    void aTopBelowTheHeadAloneIsNotKeptAndTheSummarySaysWhy() {
        FineTuneSummary s = TUNED.against(0.863);

        assertThat(s.keptHead()).isTrue();
        assertThat(s.describe()).contains("best validation accuracy 0.847 at epoch 2")
                .endsWith("below the head alone's 0.863, so the model keeps the head alone on the stock backbone");
    }

    @Test
    void aTopThatEqualsOrBeatsTheHeadAloneIsKept() {
        assertThat(TUNED.against(0.847).keptHead()).as("a tie keeps what the user asked for").isFalse();
        assertThat(TUNED.against(0.80).keptHead()).isFalse();
        assertThat(TUNED.against(0.80).describe()).doesNotContain("keeps the head alone");
    }

    @Test
    void beforeTheComparisonTheTopIsKept() {
        assertThat(TUNED.keptHead()).isFalse();
    }
}
