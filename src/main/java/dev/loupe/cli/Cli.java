package dev.loupe.cli;

import picocli.CommandLine;

/** Runs a command line and returns its exit code. */
public final class Cli {

    private Cli() {
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for embedding (tests capture its output). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LoupeCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
