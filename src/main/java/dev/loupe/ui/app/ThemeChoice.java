package dev.loupe.ui.app;

/** The user's theme setting; {@link #SYSTEM} follows the OS light/dark setting read at start. */
public enum ThemeChoice {
    LIGHT, DARK, SYSTEM;

    /** The stored name, or SYSTEM for missing or unknown values (e.g. settings written by a newer version). */
    static ThemeChoice parse(String stored) {
        if (stored != null) {
            for (ThemeChoice t : values()) {
                if (t.name().equals(stored)) {
                    return t;
                }
            }
        }
        return SYSTEM;
    }

    public boolean isDark(boolean systemDark) {
        return this == DARK || (this == SYSTEM && systemDark);
    }
}
