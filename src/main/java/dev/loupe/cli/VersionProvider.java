package dev.loupe.cli;

import dev.loupe.engine.util.AppInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code loupe --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"Loupe " + AppInfo.version()};
    }
}
