package dev.loupe.cli;

import dev.loupe.engine.features.Device;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {

    @Option(names = "--json", description = "Print the result as JSON on stdout (for scripts).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Show log messages and full stack traces on errors.")
    boolean verbose;

    @Option(names = "--runtime", defaultValue = "onnx", paramLabel = "RUNTIME",
            description = "Inference runtime for features: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; "
                    + "dl4j is the slower reference).")
    Runtime runtime;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE", converter = DeviceConverter.class,
            description = "Where ONNX Runtime runs the network: cpu or cuda (default: ${DEFAULT-VALUE}; cuda needs "
                    + "a build with -Pcuda, CUDA 12 and cuDNN 9, and falls back to the CPU, saying why).")
    Device device;

    /** "cpu" or "cuda", in any case. */
    static final class DeviceConverter implements picocli.CommandLine.ITypeConverter<Device> {
        @Override
        public Device convert(String value) {
            return Device.parse(value);
        }
    }

    /** The engines that can run a backbone: ONNX Runtime (fast), DL4J (the reference and fallback). */
    enum Runtime { onnx, dl4j }
}
