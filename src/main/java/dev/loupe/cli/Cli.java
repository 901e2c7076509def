package dev.loupe.cli;

import picocli.CommandLine;

/** Runs a command line and returns its exit code. */
public final class Cli {

    private Cli() {
    }

    public static int run(String... args) {
        return new CommandLine(new LoupeCommand()).execute(args);
    }
}
