package dev.loupe.cli;

import dev.loupe.engine.dataset.edit.AddResult;
import dev.loupe.engine.dataset.edit.Edit;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code loupe dataset ...}: the same edits and checks as the Curate pane, undoable from either. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Change or check a dataset folder. Every change can be undone; removed images go to "
                + "DATASET/.loupe/trash.",
        subcommands = {DatasetEditCommands.Add.class, DatasetEditCommands.Move.class, DatasetEditCommands.MakeClass.class,
                DatasetEditCommands.Rename.class, DatasetEditCommands.Remove.class, DatasetEditCommands.Undo.class,
                DatasetEditCommands.Redo.class, DatasetAuditCommand.class})
final class DatasetCommand {

    private DatasetCommand() {
    }

    /** Prints what an edit did: one line, or JSON with {@code --json}. */
    static void report(PrintWriter out, CommonOptions common, String verb, Optional<Edit> edit) {
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("done", edit.isPresent());
            json.put("edit", edit.orElse(null));
            Output.json(out, json);
        } else {
            out.println(edit.map(e -> verb + TerminalText.safe(e.description())).orElse("Nothing to do."));
            out.flush();
        }
    }

    static void report(PrintWriter out, CommonOptions common, AddResult result) {
        if (common.json) {
            Output.json(out, result);
            return;
        }
        out.println(result.edit() == null ? "No images added." : TerminalText.safe(result.edit().description()) + ".");
        for (AddResult.Skipped s : result.skipped()) {
            out.println("  skipped " + TerminalText.safe(s.file()) + ": " + TerminalText.safe(s.reason()));
        }
        out.flush();
    }

    /** Image arguments may be relative to the dataset or paths inside it. */
    static List<String> relative(Path dataset, List<Path> images) {
        Path root = dataset.toAbsolutePath().normalize();
        return images.stream().map(p -> {
            Path abs = p.isAbsolute() ? p.normalize() : root.resolve(p).normalize();
            if (!abs.startsWith(root) && !p.isAbsolute()) {
                abs = p.toAbsolutePath().normalize();
            }
            return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : p.toString();
        }).toList();
    }
}
