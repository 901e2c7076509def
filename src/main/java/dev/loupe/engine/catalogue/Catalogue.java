package dev.loupe.engine.catalogue;

import dev.loupe.engine.util.AppDirs;
import dev.loupe.engine.util.DiskFull;
import dev.loupe.engine.util.Hashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** An open catalogue of one dataset. Thread-safe: every access is synchronized on the connection. */
public final class Catalogue implements AutoCloseable {

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
     * {@code DATASET/.loupe/catalogue.db}, or, when the dataset folder cannot be written, a folder per dataset in the
     * user's data directory.
     */
    public static Path locate(Path datasetRoot) {
        return locate(datasetRoot, Files::isWritable);
    }

    static Path locate(Path datasetRoot, java.util.function.Predicate<Path> writable) {
        Path root = datasetRoot.toAbsolutePath().normalize();
        Path inside = root.resolve(".loupe");
        if (Files.isDirectory(inside) ? writable.test(inside) : writable.test(root)) {
            return inside.resolve("catalogue.db");
        }
        String key = Hashes.sha256(root.toString()).substring(0, 16);
        return AppDirs.userData().resolve("datasets").resolve(key).resolve("catalogue.db");
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
