package dev.loupe.engine.dataset.edit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches a dataset folder and its class folders, and calls back once things have been quiet for the debounce time
 * (a file manager copying 500 photos is one change, not 500). Changes under hidden folders ({@code .loupe}) and changes
 * Loupe makes itself, reported through {@link #editorListener()}, are ignored: Loupe already knows about them.
 */
public final class DatasetWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetWatcher.class);

    private final Path root;
    private final WatchService service;
    private final long debounceNanos;
    private final Runnable onChange;
    private final Thread thread;
    private int editing;
    private long quietUntil;

    private DatasetWatcher(Path root, Duration debounce, Runnable onChange) throws IOException {
        this.root = root;
        this.service = root.getFileSystem().newWatchService();
        this.debounceNanos = debounce.toNanos();
        this.onChange = onChange;
        this.thread = new Thread(this::loop, "loupe-watch " + root.getFileName());
        thread.setDaemon(true);
    }

    /** Starts watching {@code root}; {@code onChange} runs on the watcher's own thread. */
    public static DatasetWatcher start(Path root, Duration debounce, Runnable onChange) throws IOException {
        DatasetWatcher w = new DatasetWatcher(root.toAbsolutePath().normalize(), debounce, onChange);
        w.register(w.root);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(w.root, Files::isDirectory)) {
            for (Path child : children) {
                if (!child.getFileName().toString().startsWith(".")) {
                    w.register(child);
                }
            }
        }
        w.thread.start();
        return w;
    }

    /** Give this to {@link DatasetEditor#setListener}: events during an edit, and a debounce after, are dropped. */
    public DatasetEditor.Listener editorListener() {
        return active -> {
            synchronized (this) {
                editing += active ? 1 : -1;
                quietUntil = System.nanoTime() + debounceNanos;
            }
        };
    }

    private synchronized boolean ownChange() {
        return editing > 0 || System.nanoTime() < quietUntil;
    }

    private void register(Path dir) throws IOException {
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
    }

    private void loop() {
        long lastEvent = 0;
        boolean pending = false;
        try {
            while (true) {
                WatchKey key = pending ? service.poll(50, TimeUnit.MILLISECONDS) : service.take();
                if (key != null) {
                    if (handle(key)) {
                        pending = true;
                        lastEvent = System.nanoTime();
                    }
                } else if (System.nanoTime() - lastEvent >= debounceNanos) {
                    pending = false;
                    notifyChange();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("Stopped watching {}", root);
        }
    }

    /** True when the key holds a change worth telling. New class folders are watched too. */
    private boolean handle(WatchKey key) {
        Path dir = (Path) key.watchable();
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            if (child.getFileName().toString().startsWith(".")) {
                continue;
            }
            if (dir.equals(root) && event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                try {
                    register(child);
                } catch (IOException e) {
                    LOG.warn("Cannot watch new class folder {}: {}", child, e.toString());
                }
            }
            relevant = true;
        }
        key.reset();
        return relevant && !ownChange();
    }

    private void notifyChange() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.warn("Dataset change listener failed", e);
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("Closing the watch service of {}", root, e);
        }
        thread.interrupt();
    }
}
