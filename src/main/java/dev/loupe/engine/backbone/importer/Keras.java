package dev.loupe.engine.backbone.importer;

import dev.loupe.engine.backbone.BackboneException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DL4J's Keras-import failures into messages a user can act on. DL4J says "Unsupported keras layer type X.
 * Please file an issue..."; the user needs to know which layer stops the import and what to do about it.
 */
final class Keras {

    private static final Pattern LAYER_TYPE = Pattern.compile("(?i)unsupported keras layer type (\\S+?)\\.?(\\s|$)");

    /** A step that loads a network. */
    interface Load<T> {
        T run() throws BackboneException;
    }

    private Keras() {
    }

    static <T> T rephrase(Path model, Load<T> load) throws BackboneException {
        try {
            return load.run();
        } catch (BackboneException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof UnsupportedKerasConfigurationException u) {
                    throw unsupported(model, u);
                }
            }
            // The loader's own advice ("the imported copy may be damaged: import it again") is for a listed backbone;
            // here the user's file itself could not be read.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new BackboneException("Cannot import " + model + ": it could not be read as a network ("
                    + String.valueOf(cause.getMessage()).strip() + "). Check that it is a Keras .h5 model or a TF.js "
                    + "layers export, whole.", e);
        }
    }

    private static BackboneException unsupported(Path model, UnsupportedKerasConfigurationException e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = LAYER_TYPE.matcher(message);
        String what = m.find() ? "its layer type '" + m.group(1) + "'" : "part of its configuration (" + message + ")";
        return new BackboneException("Cannot import " + model + ": " + what + " is not supported by DL4J's Keras "
                + "import. Replace that layer, or save the model without it.", e);
    }
}
