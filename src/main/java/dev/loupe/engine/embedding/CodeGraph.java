package dev.loupe.engine.embedding;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.ObjectSerializer;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutput;
import java.io.OutputStream;

/**
 * The HNSW graph (hnswlib-core) over {@link ReducedCode}s, and its bytes. A node is a slot: rows of the dataset get slots
 * as they come, and keep them while other photos come and go, so the graph is updated rather than rebuilt.
 */
final class CodeGraph {

    /** Longest code read back: a feature vector is at most a few thousand wide. */
    private static final int MAX_DIMENSIONS = 1 << 16;

    /** The library wants an item with a boxed id; the slot number is that id. */
    record Slot(Integer id, ReducedCode vector) implements Item<Integer, ReducedCode> {
        @Override
        public int dimensions() {
            return vector.dimensions();
        }
    }

    /** The codes' squared distance, which orders them as the unit vectors' cosine does, descending. */
    static final class Distance implements DistanceFunction<ReducedCode, Float> {
        private static final long serialVersionUID = 1L;

        @Override
        public Float distance(ReducedCode u, ReducedCode v) {
            return u.distance(v);
        }
    }

    /** Ids as plain ints: no Java object in the file but the library's own. */
    static final class IdBytes implements ObjectSerializer<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public void write(Integer id, ObjectOutput out) throws IOException {
            out.writeInt(id);
        }

        @Override
        public Integer read(ObjectInput in) throws IOException {
            return in.readInt();
        }
    }

    /** A slot as its id, scale and codes; the length is checked before anything is allocated. */
    static final class SlotBytes implements ObjectSerializer<Slot> {
        private static final long serialVersionUID = 1L;

        @Override
        public void write(Slot slot, ObjectOutput out) throws IOException {
            out.writeInt(slot.id());
            out.writeFloat(slot.vector().scale());
            out.writeInt(slot.vector().codes().length);
            out.write(slot.vector().codes());
        }

        @Override
        public Slot read(ObjectInput in) throws IOException {
            int id = in.readInt();
            float scale = in.readFloat();
            int length = in.readInt();
            if (length < 0 || length > MAX_DIMENSIONS || !Float.isFinite(scale) || scale < 0) {
                throw new IOException("a node of the saved graph is malformed");
            }
            byte[] codes = new byte[length];
            in.readFully(codes);
            return new Slot(id, ReducedCode.of(codes, scale));
        }
    }

    private CodeGraph() {
    }

    static HnswIndex<Integer, ReducedCode, Slot, Float> empty(int dim, int capacity, HnswCosineIndex.Params params) {
        return HnswIndex.newBuilder(Math.max(1, dim), new Distance(), Math.max(1, capacity))
                .withM(params.m()).withEfConstruction(params.efConstruction()).withEf(params.ef())
                .withRemoveEnabled()
                .<Integer, Slot>withCustomSerializers(new IdBytes(), new SlotBytes())
                .build();
    }

    static void write(HnswIndex<Integer, ReducedCode, Slot, Float> graph, OutputStream out) throws IOException {
        graph.save(out);
    }

    /**
     * The graph from its bytes (the library's Java serialisation). Only classes of the graph itself may be read, within
     * {@code maxBytes}; {@link NeighbourIndexFile} reads only files this installation wrote (signed), so this filter is
     * the second line, not the first.
     */
    @SuppressWarnings("unchecked")
    static HnswIndex<Integer, ReducedCode, Slot, Float> read(InputStream in, long maxBytes) throws IOException {
        ObjectInputFilter only = ObjectInputFilter.Config.createFilter("maxdepth=8;maxrefs=64;maxbytes=" + maxBytes
                + ";maxarray=16;" + HnswIndex.class.getName() + ";" + CodeGraph.class.getName() + "$*"
                + ";java.util.Comparators$NaturalOrderComparator;java.lang.Enum;!*");
        try (ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(only);
            return (HnswIndex<Integer, ReducedCode, Slot, Float>) objects.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("the saved graph holds something else", e);
        }
    }
}
