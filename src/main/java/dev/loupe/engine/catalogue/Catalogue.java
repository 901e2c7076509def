package dev.loupe.engine.catalogue;

import dev.loupe.engine.util.AppDirs;
import dev.loupe.engine.util.DiskFull;
import dev.loupe.engine.util.Hashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** An open catalogue of one dataset. Thread-safe: every access is synchronized on the connection. */
public final class Catalogue implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Catalogue.class);
    /** What Loupe opens inside {@code .loupe} beside the catalogue ({@code DatasetLock}, thumbnails, runs). */
    private static final java.util.List<String> OWN_FILES = java.util.List.of("catalogue.db", "catalogue.db-wal",
            "catalogue.db-shm", "catalogue.db-journal", "lock", "thumbnails", "runs");

    /** Schema version this build writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    private final Connection connection;
    private final Path location;

    private Catalogue(Connection connection, Path location) {
        this.connection = connection;
        this.location = location;
    }

    /** Opens (creating if needed) the catalogue of the dataset at {@code datasetRoot}. */
    public static Catalogue open(Path datasetRoot) throws IOException {
        Path file = locate(datasetRoot);
        try {
            Files.createDirectories(file.getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            Schema.migrate(c, file);
            return new Catalogue(c, file);
        } catch (SQLException e) {
            if (DiskFull.causedBy(file, e)) {
                throw DiskFull.explain(file, "open Loupe's catalogue", e);
            }
            throw new IOException("Could not open Loupe's catalogue " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code DATASET/.loupe/catalogue.db}, or a folder per dataset in the user's data directory when the dataset
     * folder cannot be written, or when {@code .loupe} is not a plain folder of Loupe's own files (see
     * {@link #usable}).
     */
    public static Path locate(Path datasetRoot) {
        return locate(datasetRoot, Files::isWritable);
    }

    static Path locate(Path datasetRoot, java.util.function.Predicate<Path> writable) {
        Path root = datasetRoot.toAbsolutePath().normalize();
        Path inside = root.resolve(".loupe");
        if (usable(inside) && (Files.isDirectory(inside) ? writable.test(inside) : writable.test(root))) {
            return inside.resolve("catalogue.db");
        }
        String key = Hashes.sha256(root.toString()).substring(0, 16);
        return AppDirs.userData().resolve("datasets").resolve(key).resolve("catalogue.db");
    }

    /**
     * Whether Loupe may keep its files in the dataset's {@code .loupe}: absent, or a real folder in which none of the
     * files Loupe opens is a link. A received dataset could otherwise point {@code .loupe/lock} at a file of the
     * user's (which taking the lock would overwrite) or the catalogue at another database.
     */
    private static boolean usable(Path inside) {
        if (!Files.exists(inside, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        boolean ok = Files.isDirectory(inside, LinkOption.NOFOLLOW_LINKS);
        for (String name : OWN_FILES) {
            ok &= !Files.isSymbolicLink(inside.resolve(name));
        }
        if (!ok) {
            LOG.warn("{} is a link or holds links where Loupe keeps its files: Loupe does not follow them and keeps "
                    + "its catalogue, lock, thumbnails and runs in the user data folder instead", inside);
        }
        return ok;
    }

    public Path location() {
        return location;
    }

    Connection connection() {
        return connection;
    }

    public FeatureStore features() {
        return new FeatureStore(this);
    }

    public FileHashStore fileHashes() {
        return new FileHashStore(this);
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IOException("Could not close the catalogue " + location, e);
        }
    }
}
