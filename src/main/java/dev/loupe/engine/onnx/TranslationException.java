package dev.loupe.engine.onnx;

/**
 * A classifier's graph uses an operator, or a setting of one, that another format (TFLite, Core ML) cannot hold; the
 * message names the tensor (after the DL4J layer that made it), the operator and why.
 */
public final class TranslationException extends RuntimeException {

    public TranslationException(String format, OnnxModelView.Node node, String why) {
        super("Cannot write '" + node.output() + "' (" + node.op() + ") as " + format + ": " + why + ".");
    }
}
