package dev.loupe.engine.backbone.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Adler32;

/**
 * The Adler32 checksum DL4J publishes for each zoo file ({@code ZooModel.pretrainedChecksum}) and checks after its own
 * download ({@code ZooModel.initPretrained}); Loupe checks the same value, so a file is accepted exactly when DL4J
 * would accept it.
 */
public final class Adler32Checksum {

    private Adler32Checksum() {
    }

    public static long of(Path file) throws IOException {
        Adler32 adler = new Adler32();
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                adler.update(buf, 0, n);
            }
        }
        return adler.getValue();
    }

    public static long of(byte[] bytes) {
        Adler32 adler = new Adler32();
        adler.update(bytes);
        return adler.getValue();
    }
}
