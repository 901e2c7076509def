package dev.loupe.engine.catalogue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The feature cache ("bottlenecks"): one vector per (content hash, backbone, preprocessing version). Keyed on content,
 * so renaming or relabelling an image reuses its features and changing its bytes does not.
 */
public final class FeatureStore {

    private final Catalogue catalogue;

    FeatureStore(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The cached vectors among {@code hashes}, by hash. */
    public Map<String, float[]> get(String backbone, int preprocessing, Collection<String> hashes) throws IOException {
        Map<String, float[]> out = new HashMap<>();
        synchronized (catalogue) {
            try (PreparedStatement ps = catalogue.connection().prepareStatement(
                    "SELECT vector FROM feature WHERE hash = ? AND backbone = ? AND preprocessing = ?")) {
                for (String hash : hashes) {
                    ps.setString(1, hash);
                    ps.setString(2, backbone);
                    ps.setInt(3, preprocessing);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            out.put(hash, decode(rs.getBytes(1)));
                        }
                    }
                }
            } catch (SQLException e) {
                throw CatalogueFailures.explain(catalogue, "read cached features from", e);
            }
        }
        return out;
    }

    /**
     * Those of {@code hashes} with features cached for any backbone: images whose content was decoded whole before
     * (features are only extracted from a decoded image), which the audit need not decode again.
     */
    public java.util.Set<String> decodedBefore(Collection<String> hashes) throws IOException {
        java.util.Set<String> out = new java.util.HashSet<>();
        synchronized (catalogue) {
            try (PreparedStatement ps = catalogue.connection().prepareStatement(
                    "SELECT 1 FROM feature WHERE hash = ? LIMIT 1")) {
                for (String hash : hashes) {
                    ps.setString(1, hash);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            out.add(hash);
                        }
                    }
                }
            } catch (SQLException e) {
                throw CatalogueFailures.explain(catalogue, "read cached features from", e);
            }
        }
        return out;
    }

    public void putAll(String backbone, int preprocessing, Map<String, float[]> vectors) throws IOException {
        if (vectors.isEmpty()) {
            return;
        }
        synchronized (catalogue) {
            try (PreparedStatement ps = catalogue.connection().prepareStatement(
                    "INSERT OR REPLACE INTO feature(hash, backbone, preprocessing, dim, vector) VALUES (?,?,?,?,?)")) {
                catalogue.connection().setAutoCommit(false);
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, backbone);
                    ps.setInt(3, preprocessing);
                    ps.setInt(4, e.getValue().length);
                    ps.setBytes(5, encode(e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
                catalogue.connection().commit();
            } catch (SQLException e) {
                throw CatalogueFailures.explain(catalogue, "store features in", e);
            } finally {
                Transactions.restoreAutoCommit(catalogue);
            }
        }
    }

    static byte[] encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] decode(byte[] bytes) {
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
