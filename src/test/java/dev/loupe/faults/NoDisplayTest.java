package dev.loupe.faults;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./loupe} where the studio cannot show: one sentence saying why and that the CLI works, no stack trace. */
class NoDisplayTest {

    @Test
    void noDisplay() throws Exception {
        Results.check("environment", "./loupe with no display (DISPLAY unset)", "one sentence: the studio needs a "
                + "display, the command line works without one; exit 1; no stack trace", () -> {
            ProcessBuilder pb = ChildJvm.builder("dev.loupe.Launcher");
            pb.environment().remove("DISPLAY");
            pb.environment().remove("WAYLAND_DISPLAY");
            ChildJvm.Result r = ChildJvm.run(pb, 60);
            assertThat(r.out()).contains("loupe: the studio needs a display").contains("loupe --help")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.exit()).isEqualTo(1);
            Results.note(line(r.out(), "loupe:"));
        });
    }

    @Test
    void noGtk3() throws Exception {
        Results.check("environment", "./loupe on a machine without GTK 3", "one sentence naming the missing "
                + "package (libgtk-3-0) and that the command line works; exit 1; no stack trace", () -> {
            Path gtk = installedGtk3();
            ProcessBuilder pb = ChildJvm.builder("dev.loupe.Launcher");
            if (gtk != null) {
                // Hide the library from this child only: an empty file over it in the child's own mount namespace.
                List<String> cmd = new ArrayList<>(List.of("unshare", Unprivileged.root() ? "-m" : "-rm", "sh", "-c",
                        "mount --bind /dev/null \"$0\" && exec \"$@\"", gtk.toString()));
                cmd.addAll(pb.command());
                pb.command(cmd);
            }
            // JavaFX asks for the display before it loads GTK, so this case needs a real (virtual) X server.
            try (VirtualDisplay display = VirtualDisplay.start()) {
                pb.environment().put("DISPLAY", display.name());
                ChildJvm.Result r = ChildJvm.run(pb, 60);
                assertThat(r.out()).contains("loupe: the studio needs GTK 3").contains("apt-get install libgtk-3-0")
                        .contains("loupe --help").doesNotContain("Exception").doesNotContain("\tat ");
                assertThat(r.exit()).isEqualTo(1);
                Results.note((gtk == null ? "no GTK 3 installed; " : gtk + " hidden (unshare, bind mount); ")
                        + line(r.out(), "loupe:"));
            }
        });
    }
    private static Path installedGtk3() {
        for (String dir : new String[]{"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"}) {
            Path lib = Path.of(dir, "libgtk-3.so.0");
            if (Files.exists(lib)) {
                try {
                    return lib.toRealPath();
                } catch (java.io.IOException e) {
                    return lib;
                }
            }
        }
        return null;
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse(out.strip());
    }
}
