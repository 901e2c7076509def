package dev.loupe.engine.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Points JavaCPP at the ND4J native build this installation carries (e.g. oneDNN + AVX2 on Linux), as recorded by
 * the build in {@code loupe-platform.properties}. Must run before the first ND4J class loads.
 */
public final class Natives {

    private static final AtomicBoolean WARM_UP_STARTED = new AtomicBoolean();

    private static final Logger LOG = LoggerFactory.getLogger(Natives.class);
    private static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static volatile boolean configured;
    private static volatile boolean blasLimited;

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

    /**
     * One BLAS thread for ND4J's products, as {@code OMP_NUM_THREADS=1} (which {@code ./loupe} sets) gives, unless
     * the user set that variable: an installed app's launcher cannot set environment variables. Head training's small
     * products ran slower on two threads than on one here (10,000 x 1280, 50 epochs: 6.1-6.3 s against 5.2-5.5 s in
     * a fresh JVM; docs/benchmarks.md). Loads ND4J, so call it where ND4J is about to be used.
     */
    public static synchronized void limitBlasThreads() {
        if (blasLimited) {
            return;
        }
        blasLimited = true;
        configure();
        if (System.getenv("OMP_NUM_THREADS") == null) {
            org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(1);
            LOG.debug("ND4J BLAS threads: 1");
        }
    }

    /**
     * Loads ND4J's native backend on a background thread, for a job that will need it after slower work of its own
     * (the map reads every image's cached features first): its first use costs 1-2 s of loading, which then overlaps
     * that work instead of adding to it. A caller that reaches ND4J first waits for the class initialisation to end.
     */
    public static void warmUpInBackground() {
        if (!WARM_UP_STARTED.compareAndSet(false, true)) {
            return; // once a process: after the first, ND4J is loaded or its own first use reports why not
        }
        Thread t = new Thread(() -> {
            try {
                configure();
                try (var a = org.nd4j.linalg.factory.Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 8);
                     var product = a.mmul(a)) {
                    LOG.debug("ND4J loaded ({} in a product)", product.getFloat(0, 0));
                }
            } catch (RuntimeException | LinkageError e) {
                // The job's own first use will report it, where it is handled.
                LOG.debug("ND4J warm-up failed", e);
            }
        }, "nd4j-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
