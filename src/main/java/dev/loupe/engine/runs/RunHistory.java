package dev.loupe.engine.runs;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.AtomicFiles;
import dev.loupe.engine.util.OutputGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs of one dataset, in {@code .loupe/runs/ID/} beside the catalogue. Listing a run still marked running whose
 * process is gone marks it interrupted. Deleting moves the folder to {@code .loupe/trash/runs/}; nothing is erased.
 * Thread-safe: every method is synchronized (runs are few; contention is not a concern).
 */
public final class RunHistory {

    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dataset;
    private final Path dir;
    private final Path trash;

    private RunHistory(Path dataset, Path loupeDir) {
        this.dataset = dataset;
        this.dir = loupeDir.resolve("runs");
        this.trash = loupeDir.resolve("trash").resolve("runs");
    }

    /** The history of the dataset at {@code datasetRoot} (created on first write). */
    public static RunHistory of(Path datasetRoot) {
        return new RunHistory(datasetRoot, Catalogue.locate(datasetRoot).getParent());
    }

    public Path directory() {
        return dir;
    }

    /** Records a new run the user started as running, owned by this process. */
    public synchronized RunRecord start(TrainingConfig config) throws IOException {
        return start(config, false);
    }

    /** Records a new run as running, owned by this process; {@code automatic} for one Loupe started itself. */
    public synchronized RunRecord start(TrainingConfig config, boolean automatic) throws IOException {
        Files.createDirectories(dir);
        String base = ID.format(LocalDateTime.now());
        for (int n = 1; ; n++) {
            String id = n == 1 ? base : base + "-" + n;
            try {
                Files.createDirectory(dir.resolve(id));
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            RunRecord run = RunRecord.started(id, config, System.currentTimeMillis(), ProcessLiveness.currentPid(),
                    ProcessLiveness.currentStart(), automatic);
            RunFiles.write(dir.resolve(id), run);
            return run;
        }
    }

    public synchronized void save(RunRecord run) throws IOException {
        RunFiles.write(dir.resolve(run.id()), run);
    }

    /** Every readable run, newest first; runs left "running" by a dead process are marked interrupted first. */
    public synchronized List<RunRecord> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RunRecord> out = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(p -> Files.isRegularFile(p.resolve(RunFiles.RECORD))).toList()) {
                try {
                    out.add(checkAlive(RunFiles.read(folder)));
                } catch (IOException e) {
                    LOG.warn("Skipping unreadable run {}: {}", folder.getFileName(), e.getMessage());
                }
            }
        }
        out.sort(Comparator.comparingLong(RunRecord::startedAt).thenComparing(RunRecord::id).reversed());
        return out;
    }

    public synchronized Optional<RunRecord> get(String id) throws IOException {
        Path folder = folder(id);
        return Files.isRegularFile(folder.resolve(RunFiles.RECORD))
                ? Optional.of(checkAlive(RunFiles.read(folder))) : Optional.empty();
    }

    /** The model bundle of a run (it exists once the run finished). */
    public Path modelPath(String id) {
        return folder(id).resolve(RunRecord.MODEL_FILE);
    }

    /** Where a fine-tuning run keeps its state after each epoch, to be resumed from. */
    public Path checkpointPath(String id) {
        return folder(id).resolve(RunRecord.CHECKPOINT_FILE);
    }

    /** Where a fine-tuning run keeps the head it chose before its first epoch, for a resume to go on with. */
    public Path headPath(String id) {
        return folder(id).resolve(RunRecord.HEAD_FILE);
    }

    /** Whether {@link #resume} would take this run up again: it ended early and left a checkpoint. */
    public synchronized boolean resumable(RunRecord run) {
        return whyNotResumable(run).isEmpty();
    }

    /**
     * Why {@link #resume} would refuse the run, as the rest of a sentence whose subject is the run ("Run ID …", "It
     * …") saying what to do instead; empty when it would take it up (a fine-tuning run cut short after at least one
     * epoch, whose recorded head choice, if any, can be trained with). The studio and the command line say this
     * rather than offer a Resume that cannot work.
     */
    public synchronized Optional<String> whyNotResumable(RunRecord run) {
        if (run.config().fineTuneBlocks() == 0) {
            return Optional.of("trained a head alone, which keeps no checkpoint to resume from (it takes seconds): "
                    + "train again");
        }
        if (!run.endedEarly()) {
            return Optional.of("is " + run.state().name().toLowerCase()
                    + ": only a cancelled, interrupted or failed run can be resumed");
        }
        if (!Files.isRegularFile(checkpointPath(run.id()))) {
            return Optional.of("stopped before its first fine-tuning epoch ended, so there is nothing to resume: "
                    + "train again");
        }
        if (run.headChoice() != null) {
            Optional<String> why = run.headChoice().whyNotUsable(run.config());
            if (why.isPresent()) {
                return Optional.of("has a recorded head choice that " + why.get() + ", so it cannot be resumed: "
                        + "train again");
            }
        }
        return Optional.empty();
    }

    /**
     * Records the run as running again, owned by this process, to continue from its checkpoint; refuses, in one
     * sentence ({@link #whyNotResumable}), a run that is not a fine-tuning run cut short after at least one epoch.
     */
    public synchronized RunRecord resume(String id) throws IOException {
        RunRecord run = get(id).orElseThrow(() -> new NoSuchFileException(id, null, "no such run"));
        Optional<String> refused = whyNotResumable(run);
        if (refused.isPresent()) {
            throw new IllegalArgumentException("Run " + id + " " + refused.get());
        }
        RunRecord resumed = run.resumed(ProcessLiveness.currentPid(), ProcessLiveness.currentStart());
        save(resumed);
        return resumed;
    }

    /**
     * The settings the dataset's next run uses, as the user last left them (kept in {@code .loupe/runs/}, so they
     * belong to this dataset and no other); empty when never saved.
     */
    public synchronized Optional<TrainingConfig> nextSettings() throws IOException {
        return RunFiles.readSettings(dir);
    }

    public synchronized void saveNextSettings(TrainingConfig config) throws IOException {
        RunFiles.writeSettings(dir, config);
    }

    /** Makes this run's model the one Classify uses. */
    public synchronized void select(String id) throws IOException {
        RunRecord run = get(id).orElseThrow(() -> new NoSuchFileException(id, null, "no such run"));
        if (!run.hasModel()) {
            throw new IllegalArgumentException("Run " + id + " has no model (" + run.state().name().toLowerCase()
                    + ")");
        }
        RunFiles.writeSelection(dir, id);
    }

    /** The run whose model Classify uses, if it still exists. */
    public synchronized Optional<String> selected() throws IOException {
        return RunFiles.readSelection(dir).filter(id -> Files.isDirectory(folder(id)));
    }

    public synchronized Optional<Path> selectedModel() throws IOException {
        return selected().map(this::modelPath).filter(Files::isRegularFile);
    }

    /** The longest name a run may have: it labels a row of the run list. */
    public static final int MAX_NAME = 80;

    /**
     * Names the run as the user calls it ({@code name.json} in its folder, written whole or not at all); a blank
     * name gives it back its automatic one.
     */
    public synchronized void rename(String id, String name) throws IOException {
        Path folder = folder(id);
        if (!Files.isRegularFile(folder.resolve(RunFiles.RECORD))) {
            throw new NoSuchFileException(id, null, "no such run");
        }
        String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (clean.length() > MAX_NAME) {
            throw new IllegalArgumentException("A run's name is at most " + MAX_NAME + " characters; this one has "
                    + clean.length());
        }
        RunFiles.writeName(folder, clean);
    }

    /** The names the user gave runs, by run id (runs without one are absent). */
    public synchronized Map<String, String> names() throws IOException {
        Map<String, String> out = new HashMap<>();
        for (RunRecord run : list()) {
            try {
                RunFiles.readName(folder(run.id())).ifPresent(n -> out.put(run.id(), n));
            } catch (IOException e) {
                LOG.warn("Ignoring the unreadable name of run {}: {}", run.id(), e.getMessage());
            }
        }
        return out;
    }

    /** Moves the run's folder into the trash; clears the selection if it was the selected run. */
    public synchronized void delete(String id) throws IOException {
        Path folder = folder(id);
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(id, null, "no such run");
        }
        Optional<String> selected = selected();
        Files.createDirectories(trash);
        Path target = trash.resolve(id);
        for (int n = 2; Files.exists(target); n++) {
            target = trash.resolve(id + " (" + n + ")");
        }
        Files.move(folder, target);
        if (selected.filter(id::equals).isPresent()) {
            Files.deleteIfExists(dir.resolve(RunFiles.SELECTED));
        }
        LOG.info("Moved run {} to {}", id, target);
    }

    /** Marks a run kept by the user (or not), so that {@link #pruneAutomatic} leaves it. */
    public synchronized RunRecord keep(String id, boolean keep) throws IOException {
        RunRecord run = get(id).orElseThrow(() -> new NoSuchFileException(id, null, "no such run"));
        RunRecord changed = run.withKept(keep);
        save(changed);
        return changed;
    }

    /**
     * Keeps automatic runs from flooding the history: every finished or ended automatic run except the newest one,
     * the ones the user kept and the selected one goes, along with its folder. Unlike {@link #delete} these are not
     * moved to the trash: Loupe made them unasked, and a retrain every few labels would fill the trash with models
     * nobody chose. Runs the user started are never touched. Returns the ids removed.
     */
    public synchronized List<String> pruneAutomatic() throws IOException {
        Optional<String> selected = selected();
        List<String> removed = new ArrayList<>();
        boolean newestSeen = false;
        for (RunRecord run : list()) {
            if (!run.automatic() || run.state() == RunState.RUNNING) {
                continue;
            }
            if (!newestSeen) {
                newestSeen = true;
                continue;
            }
            if (run.kept() || selected.filter(run.id()::equals).isPresent()) {
                continue;
            }
            Path folder = folder(run.id());
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            removed.add(run.id());
        }
        if (!removed.isEmpty()) {
            LOG.info("Removed {} older automatic runs: {}", removed.size(), removed);
        }
        return removed;
    }

    /** Copies a run's model bundle to {@code target} (written whole or not at all; never among the dataset's images). */
    public synchronized void export(String id, Path target) throws IOException {
        Path model = modelPath(id);
        OutputGuard.check(target, List.of(model), dataset);
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString(), null, "this run has no model");
        }
        AtomicFiles.write(target, out -> Files.copy(model, out));
    }

    private RunRecord checkAlive(RunRecord run) throws IOException {
        if (run.state() != RunState.RUNNING || ProcessLiveness.alive(run.pid(), run.processStart())) {
            return run;
        }
        RunRecord interrupted = run.ended(RunState.INTERRUPTED, "Loupe stopped during this run", run.history(),
                run.startedAt());
        save(interrupted);
        LOG.info("Run {} was cut short (process {} is gone): marked interrupted", run.id(), run.pid());
        return interrupted;
    }

    private Path folder(String id) {
        if (id.isBlank() || id.contains("/") || id.contains("\\") || id.startsWith(".")) {
            throw new IllegalArgumentException("Not a run id: " + id);
        }
        return dir.resolve(id);
    }
}
