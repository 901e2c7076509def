package dev.loupe.engine.backbone;

import org.bytedeco.hdf5.global.hdf5;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HDF5 library prints its whole error stack to stderr (two dozen "HDF5-DIAG" lines) whenever a call fails, before
 * DL4J turns the failure into an exception that Loupe reports in one sentence. Those lines are for -v only.
 */
public final class Hdf5Diagnostics {

    private static final Logger LOG = LoggerFactory.getLogger(Hdf5Diagnostics.class);

    private Hdf5Diagnostics() {
    }

    /** Turns the automatic printing off for the calling thread unless logging is verbose (-v). */
    public static void quietUnlessVerbose() {
        if (LOG.isInfoEnabled()) {
            return;
        }
        try {
            hdf5.H5Eset_auto2(hdf5.H5E_DEFAULT, null, null);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Could not quiet HDF5's diagnostics: {}", e.toString());
        }
    }
}
