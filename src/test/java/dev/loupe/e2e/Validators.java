package dev.loupe.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The independent runtimes that check exports: Node.js with the npm packages of {@code .ci/validators} (installed by
 * {@code .ci/run}: {@code npm ci --ignore-scripts --prefix .ci/validators}), among them the TensorFlow Lite C library
 * that tfjs-tflite-node ships (run through Python's ctypes), and Debian's Python with h5py, NumPy and protobuf and
 * Debian's protoc (the Core ML check). A missing
 * runtime fails the test with what to install: a check that cannot run is not a check that passed.
 */
final class Validators {

    static final Path NODE_DIR = Path.of(".ci/validators");
    /** Debian's Python, which has apt's h5py, NumPy and protobuf, ahead of any other on the PATH. */
    static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Validators() {
    }

    static void requireNodePackages() {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/onnxruntime-node"))
                || !Files.isDirectory(NODE_DIR.resolve("node_modules/@tensorflow/tfjs"))) {
            throw new AssertionError("The export validators are not installed: run "
                    + "'npm ci --ignore-scripts --prefix .ci/validators' (Node.js and npm from apt), as .ci/run does");
        }
    }

    /** Runs a .tflite model on raw float32 inputs (NHWC) with TensorFlow Lite's C library; returns its rows. */
    static float[][] tflite(Path model, Path pixels, int n, Path work) throws Exception {
        Path out = Files.createTempFile(work, "tflite", ".f32");
        run(List.of(PYTHON, NODE_DIR.resolve("tflite_run.py").toString(), tfliteLibrary().toString(),
                model.toString(), pixels.toString(), out.toString()), 300);
        return rows(out, n);
    }

    /**
     * Decodes an .mlmodel against Apple's .proto files, checks it as Core ML's validator would and evaluates its
     * layers with NumPy on RGB 0-255 pixels (NHWC, raw float32); returns its rows.
     */
    static float[][] coreml(Path model, Path pixels, int n, Path work) throws Exception {
        Path out = Files.createTempFile(work, "coreml", ".f32");
        run(List.of(PYTHON, NODE_DIR.resolve("coreml_check.py").toString(), "src/main/proto/coreml",
                model.toString(), pixels.toString(), out.toString()), 600);
        return rows(out, n);
    }

    /** The TensorFlow Lite C library in tfjs-tflite-node's package, for this OS and processor. */
    static Path tfliteLibrary() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "arm64" : "amd64";
        String folder = (os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux") + "_" + arch;
        String file = os.contains("mac") ? "libtensorflowlite_c.dylib" : os.contains("win") ? "tensorflowlite_c.dll"
                : "libtensorflowlite_c.so";
        Path lib = NODE_DIR.resolve("node_modules/tfjs-tflite-node/cc_deps").resolve(folder).resolve(file);
        if (!Files.isRegularFile(lib)) {
            throw new AssertionError("The TensorFlow Lite C library is missing at " + lib + ": run 'npm ci "
                    + "--ignore-scripts --prefix .ci/validators' (Node.js and npm from apt), as .ci/run does");
        }
        return lib;
    }

    /** {@code n} rows of raw little-endian float32s. */
    static float[][] rows(Path file, int n) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int k = b.remaining() / 4 / n;
        float[][] out = new float[n][k];
        for (float[] row : out) {
            b.asFloatBuffer().get(row);
            b.position(b.position() + 4 * k);
        }
        return out;
    }

    /** Runs {@code run-model.mjs} and returns one probability row per image. */
    static float[][] node(String format, Path model, Path pixels, int n, int h, int w, Path work) throws Exception {
        requireNodePackages();
        Path out = Files.createTempFile(work, format, ".json");
        run(List.of("node", NODE_DIR.resolve("run-model.mjs").toString(), format, model.toString(), pixels.toString(),
                String.valueOf(n), String.valueOf(h), String.valueOf(w), out.toString()), 300);
        return JSON.readValue(out.toFile(), float[][].class);
    }

    /** Runs a command, failing with its output when it fails; returns its output. */
    static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is not installed (" + e.getMessage() + "); .ci/run installs "
                    + "it with apt", e);
        }
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran past " + timeoutSeconds + " s");
        }
        String text = new String(output);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + text);
        }
        return text;
    }
}
