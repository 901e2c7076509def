package dev.loupe.engine.util;

/** The application's name and version, as the jar manifest states them. */
public final class AppInfo {

    private AppInfo() {
    }

    public static String version() {
        String v = AppInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
