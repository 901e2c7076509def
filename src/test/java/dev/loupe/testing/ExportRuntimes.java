package dev.loupe.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The TFLite and Core ML checkers: Python scripts in {@code .ci/validators} run by Debian's Python (NumPy and protobuf
 * from apt) with the TensorFlow Lite C library that npm's tfjs-tflite-node ships, and Debian's protoc. {@code .ci/run}
 * installs them all; a missing one fails the test with what to install, never skips it.
 */
public final class ExportRuntimes {

    public static final Path DIR = Path.of(".ci/validators");

    private ExportRuntimes() {
    }

    /** Runs a .tflite model on raw float32 inputs, writing raw float32 outputs; returns what it printed. */
    public static String tflite(Path model, Path inputs, Path outputs) throws IOException, InterruptedException {
        return run(List.of(python(), DIR.resolve("tflite_run.py").toString(), tfliteLibrary().toString(),
                model.toString(), inputs.toString(), outputs.toString()));
    }

    /** Checks an .mlmodel against Apple's .proto files and evaluates it on RGB 0-255 images (raw float32). */
    public static String coreml(Path model, Path inputs, Path outputs) throws IOException, InterruptedException {
        return run(List.of(python(), DIR.resolve("coreml_check.py").toString(), "src/main/proto/coreml",
                model.toString(), inputs.toString(), outputs.toString()));
    }

    /** The TensorFlow Lite C library in tfjs-tflite-node's package, for this OS and processor. */
    public static Path tfliteLibrary() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "arm64" : "amd64";
        String folder = (os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux") + "_" + arch;
        String file = os.contains("mac") ? "libtensorflowlite_c.dylib" : os.contains("win") ? "tensorflowlite_c.dll"
                : "libtensorflowlite_c.so";
        Path lib = DIR.resolve("node_modules/tfjs-tflite-node/cc_deps").resolve(folder).resolve(file);
        if (!Files.isRegularFile(lib)) {
            throw new AssertionError("The TensorFlow Lite C library is missing at " + lib + ": run 'npm ci "
                    + "--ignore-scripts --prefix .ci/validators' (npm from apt), as .ci/run does");
        }
        return lib;
    }

    /** Debian's Python, which has apt's NumPy and protobuf, ahead of any other on the PATH. */
    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is not installed (" + e.getMessage() + "): .ci/run installs "
                    + "python3-numpy, python3-protobuf and protobuf-compiler with apt", e);
        }
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran past 300 s");
        }
        String text = new String(output);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + text);
        }
        return text;
    }
}
