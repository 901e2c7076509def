package dev.loupe.engine.backbone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Removes a backbone the user added: an import (Loupe's copy of the files; the originals are not touched) or a zoo
 * download (fetched again with {@code loupe backbones download}). Bundled backbones ship with Loupe and stay.
 */
public final class BackboneRemoval {

    private BackboneRemoval() {
    }

    /** Removes the backbone's files from Loupe's own folders; returns where they were. */
    public static Path remove(BackboneDescriptor d) throws BackboneException, IOException {
        return switch (d.state()) {
            case IMPORTED -> {
                ImportedBackbones.remove(d.id());
                yield ImportedBackbones.folder(d.id());
            }
            case DOWNLOADED -> {
                Path file = ZooCatalogue.file(d);
                Files.deleteIfExists(file);
                yield file;
            }
            case DOWNLOADABLE -> throw new BackboneException("Backbone " + d.id() + " is not downloaded: there is "
                    + "nothing to remove");
            case BUNDLED -> throw new BackboneException("Backbone " + d.id() + " ships with Loupe and cannot be "
                    + "removed");
        };
    }
}
