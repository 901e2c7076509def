package dev.loupe.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and a worker, each a JVM of its own started from Spark's
 * jars (those on the test class path, linked into a Spark home's {@code jars/} folder as a Spark download has them),
 * and {@code SparkSubmit} as a third JVM, as spark-submit runs it. The worker starts its executors as further JVMs.
 * Closing stops every one of them, the executors included, whatever state they are in.
 */
final class StandaloneCluster implements AutoCloseable {

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort;

    private StandaloneCluster(Path home, int masterPort) {
        this.home = home;
        this.masterPort = masterPort;
    }

    /** Starts a master and a worker with {@code cores} cores, and waits (at most {@code seconds}) for both. */
    static StandaloneCluster start(Path dir, int cores, long seconds) throws Exception {
        StandaloneCluster cluster = new StandaloneCluster(sparkHome(dir.resolve("spark-home")), freePort());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            Process master = cluster.java("master", "512m", List.of("org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort), "--webui-port", "0"));
            cluster.awaitLog("master", master, "I have been elected leader", deadline);
            Process worker = cluster.java("worker", "512m", List.of("org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", String.valueOf(cores),
                    "--memory", "2g", "--work-dir", dir.resolve("work").toString(), cluster.masterUrl()));
            cluster.awaitLog("worker", worker, "Successfully registered with master", deadline);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Runs {@code SparkSubmit} with {@code args} in its own JVM; returns its exit code, its output in the log. */
    int submit(List<String> args, long seconds) throws Exception {
        List<String> command = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit"));
        command.addAll(args);
        Process submit = java("submit", "1g", command);
        if (!submit.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("spark-submit did not finish in " + seconds + " s; its log:\n" + log("submit"));
        }
        return submit.exitValue();
    }

    String log(String name) throws IOException {
        Path file = home.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file) : "(no log)";
    }

    /** The JVM options a Spark JVM needs on JDK 17 (the same list as Surefire's, from pom.xml). */
    static String jdkOptions() {
        return System.getProperty("loupe.spark.opens", "");
    }

    /** A jar of Loupe's classes, as the application jar spark-submit sends to the executors. */
    static Path applicationJar(Path target) throws IOException {
        Path classes = Path.of(System.getProperty("loupe.classes", "target/classes"));
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes.resolve("dev"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
        return target;
    }

    private Process java(String name, String heap, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-Dloupe.cache.dir=" + System.getProperty("loupe.cache.dir", ""),
                // Spark's INFO lines say when the master leads and the worker has registered (tests log at WARN).
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
        command.addAll(List.of(jdkOptions().trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private void awaitLog(String name, Process p, String line, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            if (log(name).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("The Spark " + name + " stopped; its log:\n" + log(name));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The Spark " + name + " did not start in time; its log:\n" + log(name));
    }

    /** A Spark home whose {@code jars/} links every jar of the test class path, as a Spark download's does. */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the submit JVM, the worker's executors, the worker and the master: politely, then by force. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }
}
