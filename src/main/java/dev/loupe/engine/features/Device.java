package dev.loupe.engine.features;

import java.util.Locale;

/**
 * Where ONNX Runtime runs a backbone. CUDA needs Loupe built with {@code -Pcuda} (ONNX Runtime's GPU build), an
 * NVIDIA GPU, CUDA 12 and cuDNN 9; where any is missing Loupe says so once and runs on the CPU.
 */
public enum Device {
    CPU,
    CUDA;

    /** "cpu" or "cuda", as typed on a command line. */
    public static Device parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + name + "': use cpu or cuda", e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
