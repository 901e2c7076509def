package dev.loupe.engine.bench;

import dev.loupe.engine.embedding.TsneLayout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * scikit-learn's t-SNE on the same PCA-50 input, in the same run: the reference for the map's speed and quality.
 * Runs {@code bench/tsne_reference.py} with a Python that has scikit-learn (Debian: {@code python3-sklearn}); the
 * script also scores Loupe's layout with scikit-learn's own trustworthiness, so both figures come from one function.
 *
 * @param name      "scikit-learn 1.2.1", or why there is no reference
 * @param seconds   its t-SNE's wall time (NaN if not run)
 * @param trust     trustworthiness(10) of its layout
 * @param oursTrust trustworthiness(10) of Loupe's layout, by the same function
 */
record TsneReference(String name, double seconds, double trust, double oursTrust) {

    private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");

    static TsneReference none(String why) {
        return new TsneReference(why, Double.NaN, Double.NaN, Double.NaN);
    }

    static TsneReference measure(float[][] input, TsneLayout ours) throws IOException, InterruptedException {
        String python = pythonWithSklearn();
        if (python == null) {
            return none("no reference: no python3 with scikit-learn (apt-get install python3-sklearn)");
        }
        try (TempFolder dir = new TempFolder("loupe-tsne-ref")) {
            Path script = dir.path().resolve("tsne_reference.py");
            try (InputStream in = TsneReference.class.getResourceAsStream("/bench/tsne_reference.py")) {
                Files.write(script, in.readAllBytes());
            }
            write(dir.path().resolve("input.f32"), input);
            float[][] layout = new float[ours.size()][];
            for (int i = 0; i < layout.length; i++) {
                layout[i] = new float[] {ours.x()[i], ours.y()[i]};
            }
            write(dir.path().resolve("ours.f32"), layout);
            Process p = new ProcessBuilder(python, script.toString(), dir.path().toString(),
                    Integer.toString(input.length), Integer.toString(input[0].length))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                return none("no reference: the scikit-learn script failed: " + out.strip());
            }
            String[] f = out.strip().lines().reduce((a, b) -> b).orElse("").split(" ");
            return new TsneReference("scikit-learn " + f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]));
        }
    }

    private static String pythonWithSklearn() throws InterruptedException {
        for (String python : PYTHONS) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import sklearn").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException notThere) {
                // try the next
            }
        }
        return null;
    }

    private static void write(Path file, float[][] rows) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] r : rows) {
            for (float v : r) {
                b.putFloat(v);
            }
        }
        Files.write(file, b.array());
    }
}
