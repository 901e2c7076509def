package dev.loupe.cli;

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

    /** The engines that can run a backbone: ONNX Runtime (fast), DL4J (the reference and fallback). */
    enum Runtime { onnx, dl4j }
}
