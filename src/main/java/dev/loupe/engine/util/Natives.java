package dev.loupe.engine.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Points JavaCPP at the ND4J native build this installation carries (e.g. oneDNN + AVX2 on Linux), as recorded by
 * the build in {@code loupe-platform.properties}. Must run before the first ND4J class loads.
 */
public final class Natives {

    private static final Logger LOG = LoggerFactory.getLogger(Natives.class);
    private static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static volatile boolean configured;

    private Natives() {
    }

    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        if (System.getProperty(EXTENSION_PROPERTY) != null) {
            return;
        }
        try (InputStream in = Natives.class.getResourceAsStream("/loupe-platform.properties")) {
            if (in == null) {
                return;
            }
            Properties p = new Properties();
            p.load(in);
            String ext = p.getProperty("nd4j.extension", "").trim();
            if (!ext.isEmpty() && !ext.startsWith("$")) {
                System.setProperty(EXTENSION_PROPERTY, ext);
                LOG.debug("ND4J native build: {}{}", p.getProperty("javacpp.platform"), ext);
            }
        } catch (IOException e) {
            LOG.warn("Could not read loupe-platform.properties; ND4J picks its default build", e);
        }
    }
}
