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
    /** What Loupe opens inside {@code .loupe} beside the catalogue (lock, thumbnails, runs, neighbour graphs). */
    private static final java.util.List<String> OWN_FILES = java.util.List.of("catalogue.db", "catalogue.db-wal",
            "catalogue.db-shm", "catalogue.db-journal", "lock", "thumbnails", "runs", "neighbours");

    /** Schema version this build writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    private final Connection connection;
    private final Path location;
    private final String notice;

    private Catalogue(Connection connection, Path location, String notice) {
        this.connection = connection;
        this.location = location;
        this.notice = notice;
    }

    /**
     * Opens (creating if needed) the catalogue of the dataset at {@code datasetRoot}. A damaged one is set aside and
     * a new one built ({@link #notice()} says so); one held by another program is refused naming it.
     */
    public static Catalogue open(Path datasetRoot) throws IOException {
        Path file = locate(datasetRoot);
        try {
            return connect(file, null);
        } catch (SQLException e) {
            if (!CatalogueFailures.damaged(e)) {
                throw openFailure(file, e);
            }
            Path aside;
            try {
                aside = CatalogueFailures.setAside(file);
            } catch (IOException moved) {
                throw CatalogueFailures.cannotSetAside(file, e, moved);
            }
            String notice = "Loupe's catalogue " + file + " was damaged (" + CatalogueFailures.reason(e) + "). It is "
                    + "only a cache of file hashes and features, so it was kept aside as " + aside.getFileName()
                    + " and a new one is being built (features are extracted again).";
            try {
                return connect(file, notice);
            } catch (SQLException again) {
                throw openFailure(file, again);
            }
        }
    }

    private static Catalogue connect(Path file, String notice) throws SQLException, IOException {
        Files.createDirectories(file.getParent());
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
            }
            Schema.migrate(c, file);
            return new Catalogue(c, file, notice);
        } catch (SQLException | IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static IOException openFailure(Path file, SQLException e) {
        if (DiskFull.causedBy(file, e)) {
            return DiskFull.explain(file, "open Loupe's catalogue", e);
        }
        if (CatalogueFailures.busy(e)) {
            return CatalogueFailures.inUse(file, e);
        }
        return new IOException("Could not open Loupe's catalogue " + file + ": " + CatalogueFailures.reason(e), e);
    }

    /**
     * What the user must be told about this catalogue (it was damaged, set aside and is being rebuilt); empty when
     * nothing happened. Jobs that open it pass it on as a warning.
     */
    public java.util.Optional<String> notice() {
        return java.util.Optional.ofNullable(notice);
    }

    /** Closes the connection after a failure that made the file unusable (it is then set aside). */
    void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the catalogue after a failure", e);
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
