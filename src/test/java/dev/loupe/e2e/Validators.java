package dev.loupe.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The independent runtimes that check exports: Node.js with the npm packages of {@code .ci/validators} (installed by
 * {@code .ci/run}: {@code npm ci --ignore-scripts --prefix .ci/validators}), and Python with Debian's h5py. A missing
 * runtime fails the test with what to install: a check that cannot run is not a check that passed.
 */
final class Validators {

    static final Path NODE_DIR = Path.of(".ci/validators");
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
