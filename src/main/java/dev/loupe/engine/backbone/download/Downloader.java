package dev.loupe.engine.backbone.download;

import dev.loupe.engine.jobs.JobMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Downloads one file into place: bytes go to {@code TARGET.part} (kept when the connection breaks, so the next run
 * resumes with a Range request), the whole file is checked against its published checksum (a mismatch deletes the
 * {@code .part}), then it is flushed and moved onto {@code TARGET} atomically. TARGET never exists half-written.
 */
public final class Downloader {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

    private final DownloadOptions options;

    public Downloader(DownloadOptions options) {
        this.options = options;
    }

    /** The file a download in progress writes to, beside its target. */
    public static Path partFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * @param adler32 the file's expected Adler32 checksum
     * @return {@code target}, now whole and verified
     */
    public Path download(URI url, long adler32, Path target, JobMonitor monitor) throws DownloadException {
        UrlPolicy.check(url, options.allowLoopbackHttp());
        Path part = partFile(target);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new DownloadException("Cannot create the folder for " + target + ": " + e.getMessage(), e);
        }
        monitor.stage("Downloading " + target.getFileName());
        HttpTransfer transfer = new HttpTransfer(url, options);
        for (int attempt = 0; ; attempt++) {
            try {
                transfer.run(part, monitor);
                break;
            } catch (HttpTransfer.Interrupted e) {
                if (attempt >= options.retries()) {
                    throw new DownloadException("The download was interrupted: " + e.getMessage()
                            + ". What arrived is kept: run the same command again to resume", e.getCause());
                }
                LOG.info("Resuming {}: {}", url, e.getMessage());
            }
        }
        monitor.stage("Verifying " + target.getFileName());
        verify(url, part, adler32);
        moveIntoPlace(part, target);
        LOG.info("Downloaded {} to {}", url, target);
        return target;
    }

    private static void verify(URI url, Path part, long expected) throws DownloadException {
        long actual;
        try {
            actual = Adler32Checksum.of(part);
        } catch (IOException e) {
            throw new DownloadException("Cannot read the downloaded " + part + ": " + e.getMessage(), e);
        }
        if (actual != expected) {
            HttpTransfer.delete(part);
            throw new DownloadException("The file from " + url.getHost() + " is damaged (Adler32 checksum " + actual
                    + ", expected " + expected + ") and was deleted: try again; if it persists, the server's copy "
                    + "has changed");
        }
    }

    private static void moveIntoPlace(Path part, Path target) throws DownloadException {
        try {
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new DownloadException("Cannot move the download into " + target + ": " + e.getMessage(), e);
        }
    }
}
