package dev.loupe.engine.util;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PluralsTest {

    @Test
    void oneIsSingularAndOtherCountsArePluralWithThousandsSeparated() {
        assertThat(Plurals.of(1, "image")).isEqualTo("1 image");
        assertThat(Plurals.of(0, "image")).isEqualTo("0 images");
        assertThat(Plurals.of(12_500, "image")).isEqualTo("12,500 images");
        assertThat(Plurals.of(1, "class", "classes")).isEqualTo("1 class");
        assertThat(Plurals.of(3, "class", "classes")).isEqualTo("3 classes");
    }
}
