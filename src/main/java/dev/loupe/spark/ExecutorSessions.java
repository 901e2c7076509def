package dev.loupe.spark;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.features.OrtFeatureExtractor;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The ONNX Runtime sessions of one executor JVM, one per core: a task borrows a session for its partition and
 * gives it back when the partition is done, so an executor with N cores (N tasks at once) opens at most N sessions
 * per network, each running on one thread, and later tasks reuse them instead of paying the opening (reading the
 * network, optimising the graph, measuring the batch size: about a second) again. SynapseML opens one per
 * partition; reusing them matters here because a partition of photos takes seconds, not minutes.
 */
final class ExecutorSessions {

    private static final Map<String, Queue<OrtFeatureExtractor>> IDLE = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorSessions::closeAll, "loupe-sessions-close"));
    }

    private ExecutorSessions() {
    }

    /** A session of {@code network} for the calling task alone; give it back with {@link #release}. */
    static OrtFeatureExtractor borrow(Network network) throws BackboneException {
        OrtFeatureExtractor idle = IDLE.computeIfAbsent(network.key(), k -> new ConcurrentLinkedQueue<>()).poll();
        if (idle != null) {
            return idle;
        }
        return OrtFeatureExtractor.open(network.descriptor(), network.onnx().value(), 1, network.device());
    }

    static void release(Network network, OrtFeatureExtractor session) {
        IDLE.computeIfAbsent(network.key(), k -> new ConcurrentLinkedQueue<>()).offer(session);
    }

    private static void closeAll() {
        IDLE.values().forEach(queue -> queue.forEach(OrtFeatureExtractor::close));
    }
}
