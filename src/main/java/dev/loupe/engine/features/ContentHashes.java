package dev.loupe.engine.features;

import dev.loupe.engine.catalogue.FileHashStore;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Hashes;
import dev.loupe.engine.files.ReadFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Content hashes of a dataset's images, reading only files whose size or modification time changed since the
 * catalogue last saw them. Feature extraction and the audit both hash through here.
 */
public final class ContentHashes {

    private ContentHashes() {
    }

    /** Hash by relative path; unreadable files are added to {@code problems}. */
    public static Map<String, String> of(List<ImageEntry> images, FileHashStore store, JobMonitor monitor,
                                  List<ImageProblem> problems) throws IOException {
        Map<String, FileHashStore.Entry> known = store.all();
        Map<String, FileHashStore.Entry> fresh = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        int done = 0;
        for (ImageEntry image : images) {
            monitor.checkCancelled();
            try {
                BasicFileAttributes attrs = Files.readAttributes(image.file(), BasicFileAttributes.class);
                long size = attrs.size();
                long modified = attrs.lastModifiedTime().toMillis();
                FileHashStore.Entry seen = known.get(image.relativePath());
                if (seen != null && seen.size() == size && seen.modified() == modified) {
                    hashes.put(image.relativePath(), seen.hash());
                } else {
                    String hash = Hashes.sha256(image.file());
                    hashes.put(image.relativePath(), hash);
                    fresh.put(image.relativePath(), new FileHashStore.Entry(size, modified, hash));
                }
            } catch (IOException e) {
                problems.add(new ImageProblem(image.relativePath(), ReadFailure.describe(e, false)));
            }
            monitor.progress(++done, images.size());
        }
        store.putAll(fresh);
        return hashes;
    }

}
