package dev.loupe.cli;

import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.dataset.edit.AddResult;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The editing sub-commands of {@code loupe dataset}; each is a thin call into {@link DatasetEditor}. */
final class DatasetEditCommands {

    private DatasetEditCommands() {
    }

    /** What every editing command shares: the dataset argument and the common options. */
    abstract static class Base implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CommonOptions common;

        @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset folder.")
        Path dataset;

        @Override
        public Integer call() throws Exception {
            try (DatasetLock lock = DatasetLock.acquire(dataset, "loupe dataset " + spec.name())) {
                DatasetEditor editor = DatasetEditor.open(dataset);
                // An edit that a killed Loupe left half done was settled on opening: say so before anything else.
                editor.recovered().ifPresent(m -> {
                    spec.commandLine().getErr().println("warning: " + m);
                    spec.commandLine().getErr().flush();
                });
                return run(editor, spec.commandLine().getOut());
            }
        }

        /** Makes the edit and prints it; the exit code. */
        abstract int run(DatasetEditor editor, PrintWriter out) throws Exception;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Copy images (or the images in folders) into a class; non-images are skipped.")
    static final class Add extends Base {
        @Parameters(index = "1", paramLabel = "CLASS") String className;
        @Parameters(index = "2..*", arity = "1..*", paramLabel = "FILE") List<Path> files;
        @Option(names = "--move", description = "Move the files instead of copying them.") boolean move;

        @Override int run(DatasetEditor editor, PrintWriter out) throws Exception {
            AddResult result = editor.add(className, files, move);
            DatasetCommand.report(out, common, result);
            // Nothing added because every file was missing or unusable is a bad input, as in classify.
            return result.added().isEmpty() && !result.skipped().isEmpty() ? ExitCodes.BAD_INPUT : ExitCodes.OK;
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true, description = "Move images to another class.")
    static final class Move extends Base {
        @Parameters(index = "1", paramLabel = "CLASS") String className;
        @Parameters(index = "2..*", arity = "1..*", paramLabel = "IMAGE") List<Path> images;

        @Override int run(DatasetEditor editor, PrintWriter out) throws Exception {
            DatasetCommand.report(out, common, "", editor.moveImages(DatasetCommand.relative(dataset, images), className));
            return ExitCodes.OK;
        }
    }

    @Command(name = "mkclass", mixinStandardHelpOptions = true, description = "Make a new, empty class.")
    static final class MakeClass extends Base {
        @Parameters(index = "1", paramLabel = "NAME") String name;

        @Override int run(DatasetEditor editor, PrintWriter out) throws Exception {
            DatasetCommand.report(out, common, "", Optional.of(editor.makeClass(name)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a class.")
    static final class Rename extends Base {
        @Parameters(index = "1", paramLabel = "CLASS") String from;
        @Parameters(index = "2", paramLabel = "NEW_NAME") String to;

        @Override int run(DatasetEditor editor, PrintWriter out) throws Exception {
            DatasetCommand.report(out, common, "", Optional.of(editor.renameClass(from, to)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Move images, or a whole class, to the dataset's trash (DATASET/.loupe/trash).")
    static final class Remove extends Base {
        @Option(names = "--class", paramLabel = "CLASS", description = "Remove this class and its images.")
        String className;
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "IMAGE") List<Path> images = List.of();

        @Override int run(DatasetEditor editor, PrintWriter out) throws Exception {
            if ((className == null) == images.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "Give either images or --class CLASS");
            }
            DatasetCommand.report(out, common, "", className != null ? Optional.of(editor.deleteClass(className))
                    : editor.remove(DatasetCommand.relative(dataset, images)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true, description = "Undo the last change to the dataset.")
    static final class Undo extends Base {
        @Override int run(DatasetEditor editor, PrintWriter out) throws Exception {
            DatasetCommand.report(out, common, "Undid: ", editor.undo());
            return ExitCodes.OK;
        }
    }

    @Command(name = "redo", mixinStandardHelpOptions = true, description = "Redo the last undone change.")
    static final class Redo extends Base {
        @Override int run(DatasetEditor editor, PrintWriter out) throws Exception {
            DatasetCommand.report(out, common, "Redid: ", editor.redo());
            return ExitCodes.OK;
        }
    }
}
