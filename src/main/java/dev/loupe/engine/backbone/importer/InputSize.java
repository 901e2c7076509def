package dev.loupe.engine.backbone.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.backbone.Hdf5Diagnostics;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

import java.nio.file.Path;
import java.util.List;

/**
 * The image size a Keras or TF.js model was built for, from its input layer's {@code batch_input_shape}
 * ({@code [null, height, width, 3]}). DL4J's imported graph does not keep it, so it is read from the model's own
 * configuration: the JSON file, model.json, or the H5 file's {@code model_config} attribute.
 */
final class InputSize {

    /** Used when a model leaves its size open ({@code [null, null, null, 3]}): the size of most ImageNet models. */
    static final int[] FALLBACK = {224, 224};

    private static final ObjectMapper JSON = new ObjectMapper();

    private InputSize() {
    }

    /** @return {height, width} */
    static int[] of(String format, List<Path> files) {
        try {
            JsonNode config = switch (format) {
                case "keras-h5" -> h5Config(files.get(0));
                default -> JSON.readTree(files.get(0).toFile());
            };
            JsonNode shape = config.findValue("batch_input_shape");
            if (shape != null && shape.size() == 4 && shape.get(1).canConvertToInt()
                    && shape.get(2).canConvertToInt() && shape.get(1).asInt() > 0) {
                return new int[]{shape.get(1).asInt(), shape.get(2).asInt()};
            }
        } catch (Exception e) {
            // an unreadable configuration is reported by the import itself, with a better message
        }
        return FALLBACK;
    }

    private static JsonNode h5Config(Path h5) throws Exception {
        Hdf5Diagnostics.quietUnlessVerbose();
        try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
            return JSON.readTree(archive.readAttributeAsJson("model_config"));
        }
    }
}
