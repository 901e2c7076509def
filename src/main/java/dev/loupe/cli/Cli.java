package dev.loupe.cli;

import picocli.CommandLine;

import java.util.Set;

/** Runs a command line and returns its exit code. */
public final class Cli {

    private Cli() {
    }

    /** Runs a command line and ends the process with its exit code (the shell reads it). */
    public static void runAndExit(StudioOpener studio, String... args) {
        int code = commandLine(studio).execute(args);
        Jobs.commandDone();
        System.exit(code);
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The sub-command names: one of them as the only argument always runs that command, whatever folder exists. */
    public static Set<String> commandNames() {
        return commandLine().getSubcommands().keySet();
    }

    /** The configured command line, for embedding (tests capture its output); {@code loupe open} is refused. */
    public static CommandLine commandLine() {
        return commandLine(target -> {
            throw new IllegalStateException("The studio cannot be opened from here: run loupe open " + target);
        });
    }

    static CommandLine commandLine(StudioOpener studio) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == OpenCommand.class ? type.cast(new OpenCommand(studio))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine cl = new CommandLine(new LoupeCommand(), factory);
        cl.setOut(new java.io.PrintWriter(TerminalText.guard(cl.getOut()), true));
        cl.setErr(new java.io.PrintWriter(TerminalText.guard(cl.getErr()), true));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
