package dev.loupe.engine.backbone.download;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.ZooCatalogue;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Files;
import java.nio.file.Path;

/** Downloads a DL4J zoo backbone into the user's cache (the CLI's and the GUI's one way to do it). */
public final class ZooDownloads {

    private ZooDownloads() {
    }

    /** @return the weights file in the cache; returned at once when it is already there */
    public static Path download(BackboneDescriptor d, DownloadOptions options, JobMonitor monitor)
            throws BackboneException, DownloadException {
        if (!ZooCatalogue.isZoo(d)) {
            String state = d.state().name().toLowerCase(java.util.Locale.ROOT);
            throw new BackboneException("Backbone " + d.id() + " is " + state + ": there is nothing to download");
        }
        Path target = ZooCatalogue.file(d);
        if (Files.isRegularFile(target)) {
            return target;
        }
        return new Downloader(options).download(ZooCatalogue.url(d), ZooCatalogue.adler32(d), target, monitor);
    }
}
