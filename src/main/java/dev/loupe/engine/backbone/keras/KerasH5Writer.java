package dev.loupe.engine.backbone.keras;

import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;

/**
 * Writes a {@link KerasNet}'s weights as Keras 2's {@code model.save_weights("x.h5")} does: root attributes
 * {@code layer_names}, {@code backend} and {@code keras_version}; one group per layer, in order, with the attribute
 * {@code weight_names} ({@code LAYER/PARAM:0}, Keras' order) and each weight as a float32 dataset at
 * {@code LAYER/LAYER/PARAM:0}. Strings are fixed-length byte strings and a layer without weights gets an empty
 * float64 {@code weight_names}, as h5py stores what Keras hands it.
 */
public final class KerasH5Writer {

    private KerasH5Writer() {
    }

    public static void weights(KerasNet net, Path file, String kerasVersion) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            H5File h5 = new H5File(file.toString(), H5F_ACC_TRUNC());
            try {
                strings(h5, "layer_names", net.layerNames());
                string(h5, "backend", "tensorflow");
                string(h5, "keras_version", kerasVersion);
                for (String layer : net.layerNames()) {
                    Group g = h5.createGroup(layer);
                    try {
                        List<KerasNet.Tensor> tensors = net.weights().getOrDefault(layer, List.of());
                        List<String> names = new ArrayList<>();
                        tensors.forEach(t -> names.add(layer + "/" + t.name() + ":0"));
                        strings(g, "weight_names", names);
                        if (!tensors.isEmpty()) {
                            Group inner = g.createGroup(layer);
                            for (KerasNet.Tensor t : tensors) {
                                dataset(inner, t.name() + ":0", t);
                            }
                            inner.close();
                        }
                    } finally {
                        g.close();
                    }
                }
            } finally {
                h5.close();
            }
        }
    }

    private static void dataset(Group group, String name, KerasNet.Tensor t) {
        DataSpace space = new DataSpace(t.shape().length, t.shape());
        DataSet d = group.createDataSet(name, PredType.NATIVE_FLOAT(), space);
        try (FloatPointer data = new FloatPointer(t.values())) {
            d.write(data, PredType.NATIVE_FLOAT());
        } finally {
            d.close();
            space.close();
        }
    }

    private static void string(H5Object where, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StrType type = new StrType(PredType.C_S1(), Math.max(1, bytes.length));
        DataSpace scalar = new DataSpace(H5S_SCALAR);
        write(where.createAttribute(name, type, scalar), type, bytes, scalar);
    }

    /** A fixed-length string array, or an empty float64 array for no strings (what h5py makes of Keras' []). */
    private static void strings(H5Object where, String name, List<String> values) {
        if (values.isEmpty()) {
            DataSpace empty = new DataSpace(1, new long[]{0});
            Attribute a = where.createAttribute(name, PredType.NATIVE_DOUBLE(), empty);
            a.close();
            empty.close();
            return;
        }
        int width = 1;
        for (String v : values) {
            width = Math.max(width, v.getBytes(StandardCharsets.UTF_8).length);
        }
        byte[] all = new byte[width * values.size()];
        for (int i = 0; i < values.size(); i++) {
            byte[] b = values.get(i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, all, i * width, b.length);
        }
        StrType type = new StrType(PredType.C_S1(), width);
        DataSpace space = new DataSpace(1, new long[]{values.size()});
        write(where.createAttribute(name, type, space), type, all, space);
    }

    private static void write(Attribute a, DataType type, byte[] bytes, DataSpace space) {
        try (BytePointer data = new BytePointer(bytes)) {
            a.write(type, data);
        } finally {
            a.close();
            space.close();
            type.close();
        }
    }
}
