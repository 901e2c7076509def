package dev.loupe.engine.embedding;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The saved neighbour graph: read back as written, brought up to date with photos that came and went by inserting
 * and removing only those, and never trusted when damaged, foreign or made up: then a new graph is built.
 */
class NeighbourIndexFileTest {

    private static final int K = 10;
    private static Clusters data;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        data = Clusters.make(20, 160, 64, 1.5, 4);
    }

    @Test
    void aSavedGraphIsReadBackAndAnswersAsBefore() throws IOException {
        IndexKey key = IndexKey.at(dir.resolve("key"));
        Path file = dir.resolve("neighbours/test.hnsw");
        List<Sample> samples = samples(0, 3000);
        HnswCosineIndex built = index(samples, file, key);
        assertThat(built.changes()).isEqualTo(3000);
        assertThat(file).isRegularFile();

        HnswCosineIndex reopened = index(samples, file, key);
        assertThat(reopened.changes()).isZero();
        for (int row = 0; row < 3000; row += 97) {
            assertThat(reopened.nearest(data.x()[row], K, row)).isEqualTo(built.nearest(data.x()[row], K, row));
        }
    }

    @Test
    void photosThatComeAndGoAreInsertedAndRemovedWithoutANewGraph() throws IOException {
        IndexKey key = IndexKey.at(dir.resolve("key"));
        Path file = dir.resolve("test.hnsw");
        index(samples(0, 3000), file, key);
        List<Sample> now = new ArrayList<>(samples(200, 3000)); // 200 gone
        now.addAll(samples(3000, 3200)); // 200 new
        Sample changed = now.get(5); // same file, other content
        now.set(5, new Sample(changed.image(), "other", data.x()[0]));

        HnswCosineIndex updated = index(now, file, key);
        assertThat(updated.changes()).isEqualTo(200 + 200 + 2);
        assertThat(updated.size()).isEqualTo(3000);
        assertThat(recall(updated, now)).isGreaterThanOrEqualTo(0.9);
        assertThat(updated.nearest(data.x()[0], 1).get(0).index()).isEqualTo(5);
        // What was saved is the updated graph: opening again changes nothing.
        assertThat(index(now, file, key).changes()).isZero();
    }

    @Test
    void withMostPhotosGoneANewGraphIsBuilt() throws IOException {
        IndexKey key = IndexKey.at(dir.resolve("key"));
        Path file = dir.resolve("test.hnsw");
        index(samples(0, 3000), file, key);
        HnswCosineIndex after = index(samples(1500, 3200), file, key);
        assertThat(after.changes()).isEqualTo(1700);
        assertThat(NeighbourIndexFile.read(file, 64, key).orElseThrow().keys()).hasSize(1700);
    }

    @Test
    void aDamagedShortForeignOrOtherWidthFileIsNotUsed() throws IOException {
        IndexKey key = IndexKey.at(dir.resolve("key"));
        Path file = dir.resolve("test.hnsw");
        List<Sample> samples = samples(0, 1500);
        index(samples, file, key);
        byte[] good = Files.readAllBytes(file);
        assertThat(NeighbourIndexFile.read(file, 64, key)).isPresent();
        assertThat(NeighbourIndexFile.read(file, 65, key)).isEmpty();
        assertThat(NeighbourIndexFile.read(file, 64, IndexKey.at(dir.resolve("someone else's")))).isEmpty();

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        assertUnusable(file, flipped, key);
        assertUnusable(file, java.util.Arrays.copyOf(good, good.length - 100), key);
        assertUnusable(file, new byte[0], key);
        assertUnusable(file, "not an index".getBytes(StandardCharsets.UTF_8), key);

        // A damaged file costs a new graph, which replaces it.
        Files.write(file, flipped);
        HnswCosineIndex rebuilt = index(samples, file, key);
        assertThat(rebuilt.changes()).isEqualTo(1500);
        assertThat(recall(rebuilt, samples)).isGreaterThanOrEqualTo(0.9);
        assertThat(NeighbourIndexFile.read(file, 64, key)).isPresent();
    }

    @Test
    void aSignedFileWithMadeUpSizesOrObjectsIsRefusedWithoutHarm() throws IOException {
        IndexKey key = IndexKey.at(dir.resolve("key"));
        Path file = dir.resolve("test.hnsw");
        // Two billion slots claimed, a few bytes there.
        Files.write(file, signed(key, header(Integer.MAX_VALUE), new byte[16]));
        assertThat(NeighbourIndexFile.read(file, 64, key)).isEmpty();
        // Where the graph should be, another serialised object.
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(other)) {
            out.writeObject(new HashMap<>(java.util.Map.of("a", "b")));
        }
        Files.write(file, signed(key, header(0), concat(projection(0, 64), other.toByteArray())));
        assertThat(NeighbourIndexFile.read(file, 64, key)).isEmpty();
        // A projection wider than the features, or far longer than the file.
        Files.write(file, signed(key, header(0), projection(65, 64 * 66)));
        assertThat(NeighbourIndexFile.read(file, 64, key)).isEmpty();
        Files.write(file, signed(key, header(0), projection(64, 16)));
        assertThat(NeighbourIndexFile.read(file, 64, key)).isEmpty();
    }

    @Test
    void aFileOfTheFormerVersionOrWithANonFiniteProjectionIsBuiltAgain() throws IOException {
        IndexKey key = IndexKey.at(dir.resolve("key"));
        Path file = dir.resolve("test.hnsw");
        List<Sample> samples = samples(0, 1500);
        index(samples, file, key);
        byte[] good = Files.readAllBytes(file);
        byte[] body = java.util.Arrays.copyOf(good, good.length - 32);
        byte[] former = body.clone();
        former[11] = 1; // the version, an int after the 8 bytes of "LOUPE-NN": version 1 held full-width codes
        assertUnusable(file, signed(key, former, new byte[0]), key);
        int projection = projectionAt(body);
        byte[] notFinite = body.clone();
        java.nio.ByteBuffer.wrap(notFinite).putFloat(projection + 4, Float.NaN); // the mean's first value
        assertUnusable(file, signed(key, notFinite, new byte[0]), key);

        Files.write(file, signed(key, former, new byte[0]));
        assertThat(index(samples, file, key).changes()).isEqualTo(1500);
        assertThat(NeighbourIndexFile.read(file, 64, key)).isPresent();
    }

    /** Where the projection starts: after the header and the slots' keys. */
    private static int projectionAt(byte[] body) throws IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(body));
        in.skipNBytes(8 + 4 + 4);
        int slots = in.readInt();
        int read = 20;
        for (int i = 0; i < slots; i++) {
            read += 1;
            if (in.readBoolean()) {
                String k = in.readUTF();
                read += 2 + k.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return read;
    }

    /** A projection that claims {@code k} axes, followed by {@code floats} zeros (64 x (k + 1) make it whole). */
    private static byte[] projection(int k, int floats) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(k);
        for (int i = 0; i < floats; i++) {
            out.writeFloat(0);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void assertUnusable(Path file, byte[] bytes, IndexKey key) throws IOException {
        Files.write(file, bytes);
        assertThat(NeighbourIndexFile.read(file, 64, key)).isEmpty();
    }

    private static byte[] header(int slots) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("LOUPE-NN".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(NeighbourIndexFile.VERSION);
        out.writeInt(64);
        out.writeInt(slots);
        return bytes.toByteArray();
    }

    private static byte[] signed(IndexKey key, byte[] header, byte[] rest) {
        byte[] body = new byte[header.length + rest.length];
        System.arraycopy(header, 0, body, 0, header.length);
        System.arraycopy(rest, 0, body, header.length, rest.length);
        Mac mac = key.mac();
        byte[] sig = mac.doFinal(body);
        byte[] out = java.util.Arrays.copyOf(body, body.length + sig.length);
        System.arraycopy(sig, 0, out, body.length, sig.length);
        return out;
    }

    private static HnswCosineIndex index(List<Sample> samples, Path file, IndexKey key) {
        return (HnswCosineIndex) NeighbourIndexes.forDataset(samples, file, NeighbourIndexes.Kind.APPROXIMATE,
                Optional.of(key), JobMonitor.silent());
    }

    private static double recall(NeighbourIndex index, List<Sample> samples) {
        float[][] x = samples.stream().map(Sample::features).toArray(float[][]::new);
        CosineIndex exact = new CosineIndex(x);
        double hits = 0;
        int queries = 0;
        for (int row = 0; row < x.length; row += 23, queries++) {
            hits += NeighbourIndexBenchmark.overlap(NeighbourIndexBenchmark.ids(index.nearest(x[row], K, row)),
                    NeighbourIndexBenchmark.ids(exact.nearest(x[row], K, row)));
        }
        return hits / (queries * (double) K);
    }

    private static List<Sample> samples(int from, int to) {
        List<Sample> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String rel = "c" + data.labels()[i] + "/" + i + ".png";
            out.add(new Sample(new ImageEntry(Path.of("/d/" + rel), rel, "c" + data.labels()[i]), "h" + i,
                    data.x()[i]));
        }
        return out;
    }
}
