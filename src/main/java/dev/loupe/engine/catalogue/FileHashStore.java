package dev.loupe.engine.catalogue;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers each file's content hash with the size and modification time it had, so an unchanged file is not read
 * again. A file whose size or time changed is hashed anew.
 */
public final class FileHashStore {

    /** A file's hash as last seen. */
    public record Entry(long size, long modified, String hash) {
    }

    private final Catalogue catalogue;

    FileHashStore(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Map<String, Entry> all() throws IOException {
        Map<String, Entry> out = new HashMap<>();
        synchronized (catalogue) {
            try (PreparedStatement ps = catalogue.connection().prepareStatement(
                    "SELECT path, size, modified, hash FROM file_hash"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Entry(rs.getLong(2), rs.getLong(3), rs.getString(4)));
                }
            } catch (SQLException e) {
                throw CatalogueFailures.explain(catalogue, "read", e);
            }
        }
        return out;
    }

    public void putAll(Map<String, Entry> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        synchronized (catalogue) {
            try (PreparedStatement ps = catalogue.connection().prepareStatement(
                    "INSERT OR REPLACE INTO file_hash(path, size, modified, hash) VALUES (?, ?, ?, ?)")) {
                catalogue.connection().setAutoCommit(false);
                for (Map.Entry<String, Entry> e : entries.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setLong(2, e.getValue().size());
                    ps.setLong(3, e.getValue().modified());
                    ps.setString(4, e.getValue().hash());
                    ps.addBatch();
                }
                ps.executeBatch();
                catalogue.connection().commit();
            } catch (SQLException e) {
                throw CatalogueFailures.explain(catalogue, "write to", e);
            } finally {
                Transactions.restoreAutoCommit(catalogue);
            }
        }
    }
}
