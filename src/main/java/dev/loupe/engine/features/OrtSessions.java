package dev.loupe.engine.features;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens ONNX Runtime sessions on a {@link Device}: CUDA first when asked for, the CPU when CUDA cannot be had, as
 * SynapseML's ONNX model does on Spark. The reason for a fallback is said once per process, in one sentence, since a
 * cluster job opens a session on every executor core.
 */
final class OrtSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OrtSessions.class);
    private static volatile boolean fallbackSaid;

    /**
     * An open session and the device it really runs on.
     *
     * @param fallback why it runs on the CPU although CUDA was asked for, in one sentence; null otherwise
     */
    record Opened(OrtSession session, Device device, String fallback) {
    }

    private OrtSessions() {
    }

    static Opened open(OrtEnvironment env, byte[] model, Device wanted) throws OrtException {
        String fallback = null;
        if (wanted == Device.CUDA) {
            try (OrtSession.SessionOptions options = options()) {
                options.addCUDA(0);
                return new Opened(env.createSession(model, options), Device.CUDA, null);
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                fallback = fallbackMessage(e);
                if (!fallbackSaid) {
                    fallbackSaid = true;
                    LOG.warn(fallback);
                }
            }
        }
        try (OrtSession.SessionOptions options = options()) {
            // One thread per run: callers run one per core side by side (see OrtFeatureExtractor).
            options.setIntraOpNumThreads(1);
            return new Opened(env.createSession(model, options), Device.CPU, fallback);
        }
    }

    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    static String fallbackMessage(Throwable e) {
        boolean gpuBuild = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        return "CUDA is not available here, so the network runs on the CPU (" + firstLine(e) + "); to use a GPU, "
                + (gpuBuild ? "install an NVIDIA driver, CUDA 12 and cuDNN 9."
                : "build Loupe with -Pcuda and install an NVIDIA driver, CUDA 12 and cuDNN 9.");
    }

    /** ONNX Runtime's reason without its stack of native frames, e.g. "libcublasLt.so.12: cannot open ...". */
    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
