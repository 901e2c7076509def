package dev.loupe.ui.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AboutInfoTest {

    @Test
    void showsTheWeightsNoticeFromTheClassPath() {
        assertThat(new AboutInfo(Path.of("nowhere")).weightsNotice())
                .contains("MobileNetV2 (alpha 0.35, 224)", "Keras Applications", "Apache License, Version 2.0");
    }

    @Test
    void showsTheSampleLicenceOrSaysWhereItWasExpected(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("LICENSE.txt"), "CC BY 2.0 by someone");
        assertThat(new AboutInfo(tmp).sampleDatasetLicence()).isEqualTo("CC BY 2.0 by someone");
        assertThat(new AboutInfo(tmp.resolve("gone")).sampleDatasetLicence()).contains("not found", "gone");
    }

    @Test
    void theRealSampleDatasetShipsItsLicence() {
        assertThat(new AboutInfo().sampleDatasetLicence()).contains("Creative Commons");
    }
}
