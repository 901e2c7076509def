package dev.loupe.cli;

import picocli.CommandLine;

/** Runs a command line and returns its exit code. */
public final class Cli {

    private Cli() {
    }

    /** Runs a command line and ends the process with its exit code (the shell reads it). */
    public static void runAndExit(String... args) {
        System.exit(run(args));
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
