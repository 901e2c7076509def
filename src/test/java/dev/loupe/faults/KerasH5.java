package dev.loupe.faults;

import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;

/**
 * Writes a single-file Keras model ({@code model.save("x.h5")}) at run time, laid out as Keras 2 lays it out: the
 * network's JSON in the root attribute {@code model_config} (a fixed-length string, as h5py stores it), the Keras
 * version and backend beside it, and a {@code model_weights} group. The weights stay empty: the fault cases using it
 * fail on the configuration, before any weight is read.
 */
final class KerasH5 {

    private KerasH5() {
    }

    /** A model whose second layer is of {@code layerType}, e.g. one no Keras importer knows. */
    static Path withLayer(Path file, String layerType) {
        String config = """
                {"class_name": "Model", "keras_version": "2.2.4", "backend": "tensorflow", "config": {
                  "name": "fancy",
                  "layers": [
                    {"name": "input_1", "class_name": "InputLayer", "inbound_nodes": [],
                     "config": {"batch_input_shape": [null, 224, 224, 3], "dtype": "float32", "name": "input_1"}},
                    {"name": "sparkle", "class_name": "%s", "inbound_nodes": [[["input_1", 0, 0, {}]]],
                     "config": {"name": "sparkle"}}
                  ],
                  "input_layers": [["input_1", 0, 0]], "output_layers": [["sparkle", 0, 0]]}}
                """.formatted(layerType);
        // The HDF5 library is not thread-safe; DL4J guards every call with this lock, so the test does too.
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            H5File h5 = new H5File(file.toString(), H5F_ACC_TRUNC());
            try {
                stringAttribute(h5, "model_config", config);
                stringAttribute(h5, "keras_version", "2.2.4");
                stringAttribute(h5, "backend", "tensorflow");
                Group weights = h5.createGroup("model_weights");
                weights.close();
            } finally {
                h5.close();
            }
        }
        return file;
    }

    private static void stringAttribute(H5File h5, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StrType type = new StrType(PredType.C_S1(), bytes.length);
        DataSpace scalar = new DataSpace(H5S_SCALAR);
        Attribute attribute = h5.createAttribute(name, type, scalar);
        try (BytePointer data = new BytePointer(bytes)) {
            attribute.write(type, data);
        } finally {
            attribute.close();
            scalar.close();
            type.close();
        }
    }
}
