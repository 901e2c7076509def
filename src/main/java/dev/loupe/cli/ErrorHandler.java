package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.catalogue.CatalogueInUseException;
import dev.loupe.engine.dataset.DatasetInUseException;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.Failures;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.IOException;

/** Turns an exception into one line that says what went wrong, and an exit code; the stack trace only on -v. */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed.hasMatchedOption("--verbose");
        cmd.getErr().println("loupe: " + TerminalText.safe(message(e)));
        if (verbose) {
            e.printStackTrace(cmd.getErr());
        } else if (exitCode(e) == ExitCodes.FAILURE) {
            cmd.getErr().println("Run again with --verbose for details.");
        }
        cmd.getErr().flush();
        return exitCode(e);
    }

    static int exitCode(Exception e) {
        if (e instanceof CancelledException) {
            return ExitCodes.CANCELLED;
        }
        if (e instanceof DatasetInUseException || e instanceof CatalogueInUseException) {
            return ExitCodes.IN_USE;
        }
        if (e instanceof IOException || e instanceof BackboneException || e instanceof IllegalArgumentException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.FAILURE;
    }

    /** The studio's words for a failure too: one rule, {@link Failures#describe}. */
    static String message(Exception e) {
        return Failures.describe(e);
    }
}
