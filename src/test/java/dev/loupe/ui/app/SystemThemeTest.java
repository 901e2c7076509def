package dev.loupe.ui.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemThemeTest {

    @Test
    void readsEachOsToolsAnswer() {
        assertThat(SystemTheme.linuxIsDark("'prefer-dark'\n", "'Adwaita'")).isTrue();
        assertThat(SystemTheme.linuxIsDark("'default'", "'Adwaita-dark'")).isTrue();
        assertThat(SystemTheme.linuxIsDark("'default'", "'Adwaita'")).isFalse();
        assertThat(SystemTheme.macIsDark("Dark\n")).isTrue();
        assertThat(SystemTheme.macIsDark("")).isFalse();
        String reg = "\r\nHKEY_CURRENT_USER\\...\\Personalize\r\n    AppsUseLightTheme    REG_DWORD    0x%s\r\n\r\n";
        assertThat(SystemTheme.windowsIsDark(reg.formatted("0"))).isTrue();
        assertThat(SystemTheme.windowsIsDark(reg.formatted("1"))).isFalse();
    }

    @Test
    void detectionAlwaysAnswers() throws Exception {
        // On a machine without gsettings/defaults/reg the answer is simply "light"; it must never throw or hang.
        assertThat(SystemTheme.detectAsync().get(10, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
    }
}
