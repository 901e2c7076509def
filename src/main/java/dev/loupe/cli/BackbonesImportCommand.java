package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.importer.BackboneImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code loupe backbones import MODEL}: a Keras or TF.js / Teachable Machine model as a backbone. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a Keras model (.h5, or .json with --weights) or a TF.js / Teachable Machine folder "
                + "as a backbone. Its classifier is dropped; it is checked on a probe image before it is listed."})
final class BackbonesImportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "FILE.h5, FILE.json or a folder holding model.json.")
    Path model;

    @Option(names = "--weights", paramLabel = "FILE.h5", description = "The weights of a Keras JSON structure.")
    Path weights;

    @Option(names = "--cut", paramLabel = "LAYER",
            description = "The layer whose output are the features (default: the last pooling or flatten layer).")
    String cut;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name; the id is made from it.")
    String name;

    @Option(names = "--scaling", paramLabel = "SCALING",
            description = "Pixel scaling the network expects: ${COMPLETION-CANDIDATES} (default: a Teachable Machine "
                    + "export keeps Teachable Machine's, centre crop and x/127-1; others MINUS_ONE_TO_ONE).")
    InputSpec.Scaling scaling;

    @Override
    public Integer call() throws Exception {
        BackboneImporter.Request request = new BackboneImporter.Request(model, weights, cut, name, scaling);
        BackboneDescriptor d = Jobs.run(common, System.err,
                m -> BackboneImporter.run(request, Engine.backbones(), m));
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, d);
        } else {
            out.printf("Imported %s as backbone '%s': cut at %s, %d features, %dx%d input%n", model, d.id(),
                    d.cutLayer(), d.featureDim(), d.input().width(), d.input().height());
            out.flush();
        }
        return ExitCodes.OK;
    }
}
