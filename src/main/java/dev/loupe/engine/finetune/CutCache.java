package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Hashes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The cut maps of a list of photos, kept in a folder of Loupe's own (the dataset's {@code .loupe/finetune}) under a
 * name made of the backbone, the number of blocks, the role (train or validation) and a hash of the photos' content
 * hashes (and their augmented variants' keys) in order: the same photos give the same file, so a retrain, or a run started again after a cancel, reads
 * the maps instead of running the backbone again. A newer file for the same backbone, blocks and role replaces the
 * older ones (each is tens of kilobytes a photo).
 */
final class CutCache {

    private CutCache() {
    }

    /** Where the maps of these photos (content hashes, in order) are kept; it may not exist yet. */
    static Path file(BackboneTop top, String role, List<String> hashes, Path folder) {
        String key = Hashes.sha256(top.cut() + "|" + top.shape() + "|" + String.join(",", hashes)).substring(0, 16);
        return folder.resolve(prefix(top, role) + key + ".bin");
    }

    /**
     * Computes {@code file} from {@code photos} (each standing for its key: the photo, or one of its augmented
     * variants), then removes the older files of the same backbone, blocks, role.
     */
    static void fill(BackboneTop top, String role, Path file, List<Path> photos, List<String> keys, CutRunner runner,
                     int threads, JobMonitor monitor) throws IOException, BackboneException {
        Files.createDirectories(file.getParent());
        runner.extract(photos, keys, file, threads, monitor);
        removeOlder(top, role, file);
    }

    /**
     * Puts at {@code file} the maps of {@code keys} that {@code pass} took in the features' backbone pass, then
     * removes the older files as {@link #fill} does; false, touching nothing, when the pass does not hold them all.
     */
    static boolean take(BackboneTop top, String role, Path file, List<String> keys, CutPass pass)
            throws IOException {
        if (pass == null || !pass.handOver(role, keys, file)) {
            return false;
        }
        removeOlder(top, role, file);
        return true;
    }

    /** Older maps, and a temporary file a killed run left (.part: the next run reuses it only for the same key). */
    private static void removeOlder(BackboneTop top, String role, Path file) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(file.getParent(), prefix(top, role) + "*.bin*")) {
            for (Path p : old) {
                if (!p.equals(file)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String prefix(BackboneTop top, String role) {
        return "cut-" + safe(top.backbone().id()) + "-" + top.blocks() + "-" + role + "-";
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
