package dev.loupe.ui.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StudioPrefsTest {

    @Test
    void windowBoundsRoundTripAndAreAbsentAtFirstStart() {
        StudioPrefs prefs = new StudioPrefs(new MemoryPreferences());
        assertThat(prefs.window()).isEmpty();
        WindowBounds b = new WindowBounds(40, 60, 1100, 700, true);
        prefs.setWindow(b);
        assertThat(prefs.window()).contains(b);
    }

    @Test
    void unknownStoredThemeMeansFollowSystem() {
        MemoryPreferences node = new MemoryPreferences();
        node.put("theme", "SEPIA");
        assertThat(new StudioPrefs(node).theme()).isEqualTo(ThemeChoice.SYSTEM);
    }
}
