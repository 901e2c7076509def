package dev.loupe.ui.app;

import dev.loupe.engine.util.AppDirs;
import dev.loupe.engine.util.AppInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the About box says: the version and the licences of the data and weights Loupe ships with. */
final class AboutInfo {

    private static final Logger LOG = LoggerFactory.getLogger(AboutInfo.class);
    static final String WEIGHTS_NOTICE = "/loupe/backbones/mobilenet-v2-0.35/NOTICE.txt";

    private final Path sampleDataset;

    AboutInfo() {
        this(AppDirs.sampleDataset());
    }

    AboutInfo(Path sampleDataset) {
        this.sampleDataset = sampleDataset;
    }

    String version() {
        return AppInfo.version();
    }

    /** The sample flowers' photo credits and licence, which CC BY requires us to show. */
    String sampleDatasetLicence() {
        Path file = sampleDataset.resolve("LICENSE.txt");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Could not read {}: {}", file, e.toString());
            return "The sample dataset's licence file was not found at " + file + ".";
        }
    }

    /** Read from the class path so it is found inside the jar and installed apps alike. */
    String weightsNotice() {
        try (InputStream in = AboutInfo.class.getResourceAsStream(WEIGHTS_NOTICE)) {
            if (in == null) {
                return "The weights' notice is missing from this build (" + WEIGHTS_NOTICE + ").";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Could not read {}", WEIGHTS_NOTICE, e);
            return "The weights' notice could not be read.";
        }
    }
}
