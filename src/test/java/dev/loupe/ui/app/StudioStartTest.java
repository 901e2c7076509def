package dev.loupe.ui.app;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StudioStartTest {

    @Test
    void noDisplayOnLinuxIsSaidUpFrontButNotOnWindowsOrMacOrWithWayland() {
        assertThat(StudioStart.missingDisplay(Map.of(), "Linux")).contains("needs a display")
                .contains("loupe --help");
        assertThat(StudioStart.missingDisplay(Map.of("DISPLAY", " "), "Linux")).isNotNull();
        assertThat(StudioStart.missingDisplay(Map.of("DISPLAY", ":0"), "Linux")).isNull();
        assertThat(StudioStart.missingDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux")).isNull();
        assertThat(StudioStart.missingDisplay(Map.of(), "Windows 11")).isNull();
        assertThat(StudioStart.missingDisplay(Map.of(), "Mac OS X")).isNull();
    }

    @Test
    void javaFxsStartFailuresBecomeOneSentenceAndOthersAreLeftAlone() {
        assertThat(StudioStart.explain(new UnsupportedOperationException("Unable to open DISPLAY"), ":5"))
                .contains("could not open the display :5");
        assertThat(StudioStart.explain(new RuntimeException("start failed",
                new UnsupportedOperationException("Unable to load glass GTK library.")), ":0"))
                .contains("needs GTK 3").contains("libgtk-3-0");
        assertThat(StudioStart.explain(new IllegalStateException("something else"), ":0")).isNull();
    }
}
