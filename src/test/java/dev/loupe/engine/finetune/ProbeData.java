package dev.loupe.engine.finetune;

import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.util.Hashes;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The probe's photos: which files, which side of the split, and batches of their cached cut maps. */
final class ProbeData {

    /** Some records of a cut file, with their labels. */
    record Part(CutActivations.Reader cut, int[] index, int[] y) {
        int size() {
            return index.length;
        }

        /** Records {@code from..from+m} of this part (in {@code order}'s order when given) as NCHW maps. */
        INDArray maps(int[] order, int from, int m) throws IOException {
            CutActivations.Shape s = cut.shape();
            float[] x = new float[m * s.values()];
            for (int i = 0; i < m; i++) {
                cut.read(index[order == null ? from + i : order[from + i]], x, i * s.values());
            }
            return Nd4j.create(x, new long[] {m, s.channels(), s.height(), s.width()}, 'c');
        }

        int label(int[] order, int i) {
            return y[order == null ? i : order[i]];
        }

        Part select(int[] which) {
            return new Part(cut, IntStream.of(which).map(i -> index[i]).toArray(),
                    IntStream.of(which).map(i -> y[i]).toArray());
        }
    }

    private ProbeData() {
    }

    static List<String> classes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        }
    }

    /**
     * The first {@code n / classes} files of each class, by name (every file when {@code n} is 0): a stratified
     * subset that is the same each run.
     */
    static int[] subset(Path dir, List<String> classes, int n, List<Path> files) throws IOException {
        List<Integer> y = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            try (Stream<Path> s = Files.list(dir.resolve(classes.get(c)))) {
                for (Path p : s.filter(Files::isRegularFile).sorted()
                        .limit(n == 0 ? Long.MAX_VALUE : n / classes.size()).toList()) {
                    files.add(p);
                    y.add(c);
                }
            }
        }
        return y.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Positions in {@code files} on the validation side: Loupe's own split (content hash, {@code percent}) when
     * {@code folds} is 0, else fold {@code fold} of {@code folds}, each class's files dealt out in hash order.
     */
    static boolean[] validation(List<Path> files, int[] y, double percent, int folds, int fold) throws IOException {
        String[] hash = new String[files.size()];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = Hashes.sha256(files.get(i));
        }
        boolean[] v = new boolean[hash.length];
        if (folds == 0) {
            for (int i = 0; i < hash.length; i++) {
                v[i] = DatasetSplit.isValidation(hash[i], percent);
            }
            return v;
        }
        int classes = IntStream.of(y).max().orElse(-1) + 1;
        for (int c = 0; c < classes; c++) {
            int cc = c;
            int[] members = IntStream.range(0, y.length).filter(i -> y[i] == cc).boxed()
                    .sorted((a, b) -> hash[a].compareTo(hash[b])).mapToInt(Integer::intValue).toArray();
            for (int k = 0; k < members.length; k++) {
                v[members[k]] = k % folds == fold;
            }
        }
        return v;
    }

    /**
     * The pooled features of every record of {@code cut} through the unchanged top, cached beside the cut file
     * ({@code .pooled}: count, dimension, floats) so that later runs skip the forward pass.
     */
    static float[][] pooled(ComputationGraph net, CutActivations.Reader cut, Path cutFile, String pooled, int batch)
            throws IOException {
        Path file = cutFile.resolveSibling(cutFile.getFileName() + ".pooled");
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                float[][] out = new float[in.readInt()][in.readInt()];
                for (float[] row : out) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = in.readFloat();
                    }
                }
                return out;
            }
        }
        Part all = new Part(cut, IntStream.range(0, cut.count()).toArray(), new int[cut.count()]);
        float[][] out = new float[cut.count()][];
        for (int from = 0; from < cut.count(); from += batch) {
            int m = Math.min(batch, cut.count() - from);
            INDArray f = net.feedForward(all.maps(null, from, m), false).get(pooled);
            System.arraycopy(f.reshape(m, f.length() / m).toFloatMatrix(), 0, out, from, m);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            o.writeInt(out.length);
            o.writeInt(out[0].length);
            for (float[] row : out) {
                for (float v : row) {
                    o.writeFloat(v);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return out;
    }
}
