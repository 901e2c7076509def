package dev.loupe.engine.features.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads a features table written by the cluster: one Parquet file, or the folder of part files Spark writes. Read
 * with DuckDB's JDBC driver (an in-memory database, no file written): Parquet is read by a maintained library, not
 * by hand, and DuckDB brings no Hadoop, whose Parquet reader needs 50 MB of Hadoop jars (docs/architecture.md).
 */
public final class ParquetFeatures {

    /** Receives rows one at a time, so a table of millions of rows never sits in memory whole. */
    @FunctionalInterface
    public interface RowSink {
        void accept(ClusterFeature row) throws IOException;
    }

    private ParquetFeatures() {
    }

    /** The number of rows, from the files' footers. */
    public static long count(Path source) throws IOException {
        return query(source, "SELECT count(*) FROM read_parquet(?)", rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    public static void read(Path source, RowSink sink) throws IOException {
        String sql = "SELECT " + String.join(", ", FeatureColumns.PATH, FeatureColumns.CONTENT_HASH,
                FeatureColumns.BACKBONE, FeatureColumns.PREPROCESSING, FeatureColumns.FEATURES, FeatureColumns.ERROR,
                FeatureColumns.VERSION) + " FROM read_parquet(?)";
        query(source, sql, rs -> {
            while (rs.next()) {
                sink.accept(new ClusterFeature(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        floats(rs.getArray(5)), rs.getString(6), rs.getInt(7)));
            }
            return null;
        });
    }

    private interface Reading<T> {
        T from(ResultSet rs) throws SQLException, IOException;
    }

    private static <T> T query(Path source, String sql, Reading<T> reading) throws IOException {
        if (!Files.exists(source)) {
            throw new IOException(source + " does not exist: give the folder loupe-spark features wrote, or one of "
                    + "its .parquet files");
        }
        String files = Files.isDirectory(source) ? source.resolve("*.parquet").toString() : source.toString();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = db.prepareStatement(sql)) {
            try (Statement s = db.createStatement()) {
                // Only the file asked for: no extension downloads, no other files.
                s.execute("SET autoinstall_known_extensions = false");
                s.execute("SET autoload_known_extensions = false");
            }
            ps.setString(1, files);
            try (ResultSet rs = ps.executeQuery()) {
                return reading.from(rs);
            }
        } catch (SQLException e) {
            throw new IOException(source + " is not a features table Loupe can read (" + firstLine(e)
                    + "): give the folder loupe-spark features wrote", e);
        }
    }

    private static float[] floats(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] == null ? Float.NaN : ((Number) values[i]).floatValue();
        }
        return v;
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage()).strip();
        int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end);
    }
}
