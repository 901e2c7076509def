package dev.loupe.engine.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StudioStartupTest {

    @Test
    void linuxWithoutADisplayIsNotMeasuredAndSaysWhy() {
        assertThat(StudioStartup.noDisplay(Map.of(), "Linux")).contains("no display");
        assertThat(StudioStartup.noDisplay(Map.of("DISPLAY", ""), "Linux")).contains("no display");
    }

    @Test
    void anX11OrWaylandDisplayOrADesktopOsIsMeasured() {
        assertThat(StudioStartup.noDisplay(Map.of("DISPLAY", ":55"), "Linux")).isNull();
        assertThat(StudioStartup.noDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux")).isNull();
        assertThat(StudioStartup.noDisplay(Map.of(), "Mac OS X")).isNull();
        assertThat(StudioStartup.noDisplay(Map.of(), "Windows 11")).isNull();
    }
}
