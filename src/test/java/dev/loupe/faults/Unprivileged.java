package dev.loupe.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child JVM that file permissions apply to. Root reads through {@code chmod 000} (CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH), and the suite runs as root on CI; so as root the child is started through util-linux
 * {@code setpriv} with both capabilities dropped from its bounding set (and none inherited): still uid 0, owner of
 * the test's files, but held to their mode bits. Anyone else is held to them already. The child proves it either way.
 */
final class Unprivileged {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private Unprivileged() {
    }

    static boolean root() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    /** A child JVM running {@code mainClass}; fails loudly as root when setpriv is missing, rather than skip. */
    static ProcessBuilder child(String mainClass, String... args) throws IOException {
        ProcessBuilder pb = ChildJvm.builder(mainClass, args);
        if (root()) {
            if (!Files.isExecutable(SETPRIV)) {
                throw new IllegalStateException("Running as root, which reads through chmod 000: this case needs "
                        + SETPRIV + " (util-linux) to drop CAP_DAC_OVERRIDE in the child; install util-linux");
            }
            List<String> cmd = new ArrayList<>(List.of(SETPRIV.toString(), "--inh-caps=-all", "--ambient-caps=-all",
                    "--bounding-set=-dac_override,-dac_read_search"));
            cmd.addAll(pb.command());
            pb.command(cmd);
        }
        return pb;
    }

    /** How the child is held to permissions, for the results table. */
    static String how() throws IOException {
        return root() ? "child JVM as root without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH (setpriv)"
                : "child JVM as " + System.getProperty("user.name");
    }
}
