package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.catalogue.CatalogueInUseException;
import dev.loupe.engine.dataset.DatasetInUseException;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.model.ModelFormatException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns an exception into one line that says what went wrong, and an exit code; the stack trace only on -v. */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed.hasMatchedOption("--verbose");
        cmd.getErr().println("loupe: " + message(e));
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

    static String message(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": not found" + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied; check the file's permissions";
        }
        if (e instanceof NotDirectoryException d) {
            return d.getFile() + " is not a folder";
        }
        if (e instanceof DatasetInUseException || e instanceof ModelFormatException || e instanceof BackboneException || e instanceof CancelledException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
