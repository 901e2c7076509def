package dev.loupe.engine.export;

import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Path;

/**
 * One export format. An exporter writes plain files to the path it is given (a file, or a folder it creates) and
 * does not care about atomicity: {@link ExportJob} hands it a staging path beside the user's target and moves the
 * result into place when it returns.
 */
public interface Exporter {

    /** Whether a format writes one file or a folder of files. */
    enum Output { FILE, FOLDER }

    /** The name users type: {@code --format NAME}. */
    String format();

    /** One line for menus and help, e.g. "ONNX model (any ONNX runtime)". */
    String description();

    Output output();

    /** The file or folder name to suggest for a model named {@code stem}, e.g. {@code stem + ".onnx"}. */
    String suggestedName(String stem);

    /**
     * Writes the export of {@code source} at {@code path} (a file to create, or a folder to create and fill).
     *
     * @return how to use what was written: the lines printed after "Exported ... to ...", e.g. the input the model
     *         expects, where its labels are, a command to run it
     */
    Usage write(ExportSource source, Path path, JobMonitor monitor) throws Exception;
}
