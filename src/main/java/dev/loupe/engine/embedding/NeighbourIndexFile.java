package dev.loupe.engine.embedding;

import dev.loupe.engine.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * A dataset's HNSW graph on disk ({@code DATASET/.loupe/neighbours/BACKBONE.hnsw}), so that reopening a large dataset
 * does not build it again. The file is a cache: anything wrong with it (another version, another width, a short,
 * corrupt or foreign file) means "no saved graph", and the caller builds one. It is signed with this user's key
 * ({@link IndexKey}) because the graph itself is the library's Java serialisation, which must not be read from a file
 * someone else made: a dataset folder is untrusted input. Layout: "LOUPE-NN", version, width, slot count, each
 * slot's key (or none: removed), the projection the codes were made with (its width, mean and axes), the graph's
 * bytes, then an HMAC-SHA256 of everything before it. Version 2: the graph holds codes of the vectors projected on
 * principal axes (version 1 held codes of the full vectors, and is built again).
 */
final class NeighbourIndexFile {

    static final int VERSION = 2;
    private static final byte[] MAGIC = "LOUPE-NN".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(NeighbourIndexFile.class);

    private NeighbourIndexFile() {
    }

    static void write(Path file, HnswCosineIndex.Keyed keyed, IndexKey key) throws IOException {
        Mac mac = key.mac();
        AtomicFiles.writeCache(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new MacStream(raw, mac), 1 << 16));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(keyed.graph().getDimensions());
            out.writeInt(keyed.keys().length);
            for (String k : keyed.keys()) {
                out.writeBoolean(k != null);
                if (k != null) {
                    out.writeUTF(k);
                }
            }
            Pca.Basis basis = keyed.basis();
            out.writeInt(basis.dimensions());
            for (float f : basis.mean()) {
                out.writeFloat(f);
            }
            for (float f : basis.axes()) {
                out.writeFloat(f);
            }
            out.flush();
            CodeGraph.write(keyed.graph(), out); // closes out, not raw: the MAC goes after it
            raw.write(mac.doFinal());
        });
    }

    /** The saved graph if the file is there, this user's, of this version and width, and whole; else empty. */
    static Optional<HnswCosineIndex.Keyed> read(Path file, int dim, IndexKey key) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(readChecked(file, dim, key));
        } catch (IOException | RuntimeException e) {
            LOG.info("Not using the saved neighbour index {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static HnswCosineIndex.Keyed readChecked(Path file, int dim, IndexKey key) throws IOException {
        long size = Files.size(file);
        long body = size - MAC_BYTES;
        if (body < MAGIC.length + 20) {
            throw new IOException("too short");
        }
        verify(file, body, key.mac());
        try (Bounded counted = new Bounded(new BufferedInputStream(Files.newInputStream(file), 1 << 16), body)) {
            DataInputStream in = new DataInputStream(counted);
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC) || in.readInt() != VERSION) {
                throw new IOException("not a neighbour index of this version");
            }
            if (in.readInt() != dim) {
                throw new IOException("made for features of another width");
            }
            int slots = in.readInt();
            if (slots < 0 || slots > counted.left) {
                throw new IOException("slot count out of range");
            }
            String[] keys = new String[slots];
            for (int i = 0; i < slots; i++) {
                keys[i] = in.readBoolean() ? in.readUTF() : null;
            }
            Pca.Basis basis = basis(in, dim, counted.left);
            var graph = CodeGraph.read(counted, counted.left);
            check(graph, keys, basis.dimensions());
            return new HnswCosineIndex.Keyed(graph, keys, basis);
        }
    }

    /** The projection: at most as wide as the features, its size checked before anything is allocated, all finite. */
    private static Pca.Basis basis(DataInputStream in, int dim, long left) throws IOException {
        int k = in.readInt();
        if (k < 0 || k > dim || (long) dim * (k + 1) * Float.BYTES > left) {
            throw new IOException("projection out of range");
        }
        float[] mean = new float[dim];
        float[] axes = new float[dim * k];
        for (float[] values : new float[][] {mean, axes}) {
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readFloat();
                if (!Float.isFinite(values[i])) {
                    throw new IOException("projection not finite");
                }
            }
        }
        return new Pca.Basis(mean, k, axes);
    }

    /** Every slot with a key is in the graph with a code of the projection's width, and no other. */
    private static void check(com.github.jelmerk.hnswlib.core.hnsw.HnswIndex<Integer, ReducedCode, CodeGraph.Slot,
            Float> graph, String[] keys, int dim) throws IOException {
        int live = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            var item = graph.get(slot);
            if (item.isPresent() != (keys[slot] != null)
                    || item.map(s -> s.vector().dimensions() != dim).orElse(false)) {
                throw new IOException("graph and slots disagree at slot " + slot);
            }
            live += keys[slot] != null ? 1 : 0;
        }
        if (graph.getDimensions() != Math.max(1, dim) || graph.size() != live || graph.getMaxItemCount() < keys.length) {
            throw new IOException("graph and slots disagree");
        }
    }

    private static void verify(Path file, long body, Mac mac) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            long left = body;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("shorter than it was");
                }
                mac.update(buffer, 0, n);
                left -= n;
            }
            byte[] stored = in.readNBytes(MAC_BYTES);
            if (!MessageDigest.isEqual(stored, mac.doFinal())) {
                throw new IOException("not signed by this user's Loupe, or damaged");
            }
        }
    }

    /** Passes bytes through and into the MAC. */
    private static final class MacStream extends FilterOutputStream {
        private final Mac mac;

        MacStream(OutputStream out, Mac mac) {
            super(out);
            this.mac = mac;
        }

        @Override
        public void write(int b) throws IOException {
            mac.update((byte) b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            mac.update(b, off, len);
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the caller's stream: AtomicFiles closes it after the MAC is written
        }
    }

    /** At most {@code limit} bytes of a stream: the MAC at the end is never read as graph. */
    private static final class Bounded extends java.io.FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            left -= b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
