package dev.loupe.ui.app;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.util.Natives;
import dev.loupe.ui.classify.ClassifyPane;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.ui.train.TrainPane;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: walks the real studio on a real display through a script, for screenshots a person looks at (issue 17).
 * Run after {@code mvn test-compile} with {@code DISPLAY=:N java -cp target/classes:target/test-classes:target/lib/*
 * dev.loupe.ui.app.StudioTour\$Main SCRIPT}. Fresh in-memory preferences; one step a line:
 * {@code open DIR}, {@code pane N}, {@code model FILE|DATASET}, {@code classify FILE...}, {@code train}, {@code cancel}, {@code augment N}, {@code epochs N}, {@code compare} (the two newest runs),
 * {@code audit}, {@code evaluation} (scroll Train down to it), {@code cut} (print the controls whose text is cut short),
 * {@code idle} (wait for the compute queue), {@code wait SECONDS}, {@code size W H}, {@code shot PNG}, {@code quit}.
 */
public final class StudioTour extends Application {

    private final JobExecutor jobs = JobExecutor.background();
    private StudioViewModel vm;
    private StudioWindow window;
    private Stage stage;

    /** A plain main: launching an Application subclass directly from the class path is refused by JavaFX. */
    public static final class Main {
        public static void main(String[] args) {
            Natives.configure();
            Application.launch(StudioTour.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        vm = new StudioViewModel(new StudioPrefs(new MemoryPreferences()), Path.of("sample-datasets/flowers"),
                SessionServices.studio(jobs));
        window = new StudioWindow(stage, vm, jobs, StudioPanes.defaults());
        List<String> steps;
        try {
            steps = Files.readAllLines(Path.of(getParameters().getRaw().get(0)));
        } catch (Exception e) {
            throw new IllegalArgumentException("StudioTour SCRIPT", e);
        }
        vm.openDataset(Path.of(steps.get(0).split(" ", 2)[1]));
        window.show();
        Thread walker = new Thread(() -> steps.stream().skip(1).forEach(this::step), "tour");
        walker.setDaemon(true);
        walker.start();
    }

    private void step(String line) {
        String[] w = line.strip().split(" ");
        System.out.println("tour: " + line);
        try {
            switch (w[0]) {
                case "open" -> fx(() -> vm.openDataset(Path.of(w[1])));
                case "pane" -> fx(() -> vm.selectedPaneProperty().set(Integer.parseInt(w[1])));
                case "model" -> {
                    // A folder means that dataset's selected run's model (a model of another dataset, by hand).
                    Path model = Files.isDirectory(Path.of(w[1]))
                            ? dev.loupe.engine.runs.RunHistory.of(Path.of(w[1])).selectedModel().orElseThrow()
                            : Path.of(w[1]);
                    fx(() -> vm.sessionProperty().get().classifyModelProperty().set(model));
                }
                case "classify" -> fx(() -> ((ClassifyPane) window.panes().get(2)).viewModel()
                        .classify(Arrays.stream(w).skip(1).map(Path::of).toList()));
                case "train" -> fx(() -> ((TrainPane) window.panes().get(1)).viewModel().retrain());
                case "augment" -> fx(() -> ((TrainPane) window.panes().get(1)).viewModel().settings()
                        .augmentationsProperty().set(Integer.parseInt(w[1])));
                case "epochs" -> fx(() -> ((TrainPane) window.panes().get(1)).viewModel().settings()
                        .epochsProperty().set(Integer.parseInt(w[1])));
                case "compare" -> fx(() -> {
                    var train = ((TrainPane) window.panes().get(1)).viewModel();
                    train.select(List.of(train.runs().get(0), train.runs().get(1)));
                });
                case "audit" -> fx(() -> ((dev.loupe.ui.curate.CuratePane) window.panes().get(0)).auditViewModel()
                        .run());
                case "cut" -> fx(() -> System.out.println("tour: cut text "
                        + dev.loupe.testing.CutText.in(stage.getScene().getRoot())));
                case "evaluation" -> {
                    for (int i = 0; i < 120 && !fxGet(() -> stage.getScene().lookup("#evaluation") != null); i++) {
                        Thread.sleep(1000); // the Train pane is made when first shown, slowly on a loaded machine
                    }
                    fx(this::scrollToEvaluation);
                }
                case "cancel" -> fx(() -> ((TrainPane) window.panes().get(1)).viewModel().cancel());
                case "idle" -> {
                    while (jobs.jobs().stream().anyMatch(j -> !j.state().isFinal())) {
                        Thread.sleep(200);
                    }
                }
                case "wait" -> Thread.sleep((long) (Double.parseDouble(w[1]) * 1000));
                case "size" -> fx(() -> {
                    stage.setX(0); // at the screen's corner, so that a shot can be cropped to the window
                    stage.setY(0);
                    stage.setWidth(Double.parseDouble(w[1]));
                    stage.setHeight(Double.parseDouble(w[2]));
                });
                case "shot" -> new ProcessBuilder("import", "-window", "root", w[1]).inheritIO().start().waitFor();
                case "quit" -> fx(() -> {
                    stage.hide();
                    Platform.exit();
                });
                default -> System.out.println("tour: unknown step " + w[0]);
            }
        } catch (Exception e) {
            throw new IllegalStateException(line, e);
        }
    }

    /** Scrolls the Train pane down to the evaluation. FX thread. */
    private void scrollToEvaluation() {
        javafx.scene.Node ev = stage.getScene().lookup("#evaluation");
        javafx.scene.Node n = ev;
        while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) {
            n = n.getParent();
        }
        javafx.scene.control.ScrollPane page = (javafx.scene.control.ScrollPane) n;
        double room = page.getContent().getBoundsInLocal().getHeight() - page.getViewportBounds().getHeight();
        page.setVvalue(room <= 0 ? 0 : Math.min(1, (ev.getBoundsInParent().getMinY() - 8) / room));
    }

    private static boolean fxGet(java.util.function.BooleanSupplier test) throws Exception {
        boolean[] out = new boolean[1];
        fx(() -> out[0] = test.getAsBoolean());
        return out[0];
    }

    private static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(180, TimeUnit.SECONDS); // a loaded machine can take long to open a dataset
    }

    @Override
    public void stop() {
        jobs.close();
    }
}
