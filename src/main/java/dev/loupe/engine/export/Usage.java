package dev.loupe.engine.export;

import java.util.List;

/**
 * What an exporter tells the user about its output.
 *
 * @param summary one line: what was written (e.g. "ONNX model, opset 13")
 * @param lines   how to use it: input, output, labels, preprocessing left to the caller
 */
public record Usage(String summary, List<String> lines) {

    public Usage {
        lines = List.copyOf(lines);
    }
}
