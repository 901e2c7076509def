package dev.loupe.engine.onnx;

/** A network cannot be exported to ONNX; the message names the layer or vertex, its type and what to do. */
public final class OnnxExportException extends RuntimeException {

    public OnnxExportException(String message) {
        super(message);
    }

    /** The standard refusal for a layer, vertex or setting the exporter does not map. */
    static OnnxExportException unsupported(String vertex, Object what, String detail) {
        String type = what instanceof Class<?> c ? c.getSimpleName() : what.getClass().getSimpleName();
        return new OnnxExportException("Cannot export '" + vertex + "' (" + type + ") to ONNX: " + detail
                + ". Use the DL4J runtime (--runtime dl4j) for this network.");
    }
}
