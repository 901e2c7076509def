package dev.loupe.engine.catalogue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the catalogue's tables and checks its version (SQLite's {@code user_version}). */
final class Schema {

    private Schema() {
    }

    static void migrate(Connection c, Path file) throws SQLException, IOException {
        int version;
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.getInt(1);
        }
        if (version > Catalogue.SCHEMA_VERSION) {
            throw new IOException("The catalogue " + file + " was written by a newer Loupe (schema " + version
                    + ", this one reads up to " + Catalogue.SCHEMA_VERSION + "). Update Loupe to use this dataset.");
        }
        if (version == Catalogue.SCHEMA_VERSION) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS file_hash (
                      path TEXT PRIMARY KEY, size INTEGER NOT NULL, modified INTEGER NOT NULL, hash TEXT NOT NULL)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS feature (
                      hash TEXT NOT NULL, backbone TEXT NOT NULL, preprocessing INTEGER NOT NULL,
                      dim INTEGER NOT NULL, vector BLOB NOT NULL,
                      PRIMARY KEY (hash, backbone, preprocessing))""");
            s.execute("PRAGMA user_version = " + Catalogue.SCHEMA_VERSION);
        }
    }
}
