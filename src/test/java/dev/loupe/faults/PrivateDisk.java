package dev.loupe.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM that sees a real tmpfs of a few hundred kilobytes at a folder: a disk that really fills up, for anyone
 * who runs the suite. The child gets its own mount namespace ({@code unshare}, util-linux), mounts the tmpfs there
 * and then starts Java; the mount is invisible to every other process and disappears with the child, so nothing is
 * left mounted even if the test JVM dies. Root needs only {@code unshare -m}; anyone else gets {@code unshare -rm},
 * a user namespace in which they are root, where the kernel allows unprivileged user namespaces. Where it does not,
 * the case fails and says so rather than skip.
 */
final class PrivateDisk {

    private PrivateDisk() {
    }

    /** {@code mainClass args} in a child JVM with a {@code kilobytes} tmpfs mounted at {@code mountPoint}. */
    static ProcessBuilder child(Path mountPoint, int kilobytes, String mainClass, String... args) throws IOException {
        Files.createDirectories(mountPoint);
        ProcessBuilder java = ChildJvm.builder(mainClass, args);
        List<String> cmd = new ArrayList<>(List.of("unshare", Unprivileged.root() ? "-m" : "-rm", "sh", "-c",
                "mount -t tmpfs -o size=" + kilobytes + "k loupe-test \"$0\" && exec \"$@\"", mountPoint.toString()));
        cmd.addAll(java.command());
        return java.command(cmd);
    }

    /** What to tell a developer whose machine refused the namespace or the mount. */
    static String cannotMount(String childOutput) throws IOException {
        return "Could not mount a private tmpfs for the full-disk case (" + childOutput.strip() + "). "
                + (Unprivileged.root() ? "Root needs CAP_SYS_ADMIN for unshare -m and mount (in a container: "
                + "--cap-add SYS_ADMIN)." : "As a normal user this needs unprivileged user namespaces: "
                + "sysctl kernel.unprivileged_userns_clone=1 (Debian) or "
                + "kernel.apparmor_restrict_unprivileged_userns=0 (Ubuntu 24.04), or run the suite as root.");
    }
}
