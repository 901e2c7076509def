package dev.loupe.ui.curate;

import dev.loupe.engine.inbox.Suggestion;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.ui.common.StudioContext;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A measurement, not a test (it needs a display, real features and minutes): labels a folder of unsorted photos in
 * the studio's Curate pane with the keyboard alone, as a user who knows every photo's kind would, and counts the keys.
 * The keys are real key events sent through the display ({@code javafx.scene.robot.Robot}); the "user" reads the
 * photo shown and its suggestion, and presses Enter when the suggestion is right, else the class's number. Classes
 * are made first (the same for the drag-and-drop path, so not counted). Prints the figures for docs/labelling.md.
 * {@code DISPLAY=:15 java -cp target/classes:target/test-classes:target/lib/* dev.loupe.ui.curate.LabellingBenchmarkMain
 * DATASET TRUTH.csv [MS_PER_PHOTO]} (TRUTH.csv: {@code file,class} per line; default 300 ms per photo).
 */
public final class LabellingBenchmarkMain {

    private LabellingBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Map<String, String> truth = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.split(",");
            truth.put(f[0], f[1]);
        }
        long pace = args.length > 2 ? Long.parseLong(args[2]) : 300;
        List<String> kinds = truth.values().stream().distinct().sorted().toList();
        Platform.startup(() -> { });
        CuratePane pane = onFx(() -> {
            DatasetSession session = DatasetSession.open(root, SessionServices.studio(JobExecutor.background()));
            CuratePane p = new CuratePane(new StudioContext(session));
            Stage stage = new Stage();
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                    .getUserAgentStylesheet());
            stage.setScene(new Scene((javafx.scene.Parent) p.view(), 1200, 780));
            stage.show();
            return p;
        });
        CurateViewModel vm = pane.viewModel();
        waitFor(() -> onFx(() -> vm.looseProperty().get()) == truth.size(), 120);
        for (String k : kinds) {
            onFx(() -> {
                vm.makeClass(k);
                return null;
            });
        }
        waitFor(() -> onFx(() -> vm.classes().size()) == kinds.size(), 60);
        // What a screen of the grid holds, for the drag-and-drop path's count.
        int perScreen = onFx(() -> {
            GridView<?> grid = (GridView<?>) pane.view().lookup("#thumbnail-grid");
            int columns = (int) ((grid.getWidth() - 20) / (grid.getCellWidth() + grid.getHorizontalCellSpacing()));
            int rows = (int) ((grid.getHeight() - 20) / (grid.getCellHeight() + grid.getVerticalCellSpacing()));
            return Math.max(1, columns) * Math.max(1, rows);
        });
        LabelLoop loop = pane.labelLoop();
        Robot[] robot = new Robot[1];
        onFx(() -> {
            robot[0] = new Robot();
            pane.view().lookup("#thumbnail-grid").requestFocus();
            return null;
        });
        long start = System.nanoTime();
        int keys = press(robot[0], KeyCode.L);
        waitFor(() -> onFx(() -> loop.activeProperty().get()), 10);
        int enters = 0;
        int numbers = 0;
        int withSuggestion = 0;
        List<String> curve = new ArrayList<>();
        while (true) {
            String[] shown = onFx(() -> new String[] {loop.currentProperty().get(), suggested(loop)});
            if (shown[0] == null) {
                break;
            }
            String kind = truth.get(shown[0]);
            if (shown[1] != null) {
                withSuggestion++;
            }
            if (kind.equals(shown[1])) {
                keys += press(robot[0], KeyCode.ENTER);
                enters++;
            } else {
                keys += press(robot[0], KeyCode.getKeyCode(String.valueOf(kinds.indexOf(kind) + 1)));
                numbers++;
            }
            String was = shown[0];
            waitFor(() -> !was.equals(onFx(() -> loop.currentProperty().get())), 30);
            if ((enters + numbers) % 100 == 0) {
                curve.add(String.format(Locale.ROOT, "| %d | %d | %.0f%% |", enters + numbers, enters,
                        100.0 * enters / (enters + numbers)));
            }
            Thread.sleep(pace);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int photos = enters + numbers;
        System.out.printf(Locale.ROOT, "%d photos of %d kinds labelled with %d keys (%.2f per photo): %d Enter "
                        + "(suggestion right), %d class numbers; %d photos were shown with a suggestion; %.0f s "
                        + "(%.0f ms paced per photo), %s%n", photos, kinds.size(), keys, keys / (double) photos,
                enters, numbers, withSuggestion, seconds, (double) pace, onFx(() -> loop.rateProperty().get()));
        System.out.println("| labelled | of them by Enter | share |");
        curve.forEach(System.out::println);
        int screens = (int) Math.ceil(photos / (double) perScreen);
        System.out.printf(Locale.ROOT, "Drag-and-drop path on the same grid (%d photos per screen, %d screens): at "
                + "least %d Ctrl+clicks and %d drags (one per kind on each screen), plus scrolling%n", perScreen,
                screens, photos, screens * kinds.size());
        long misfiled = truth.entrySet().stream().filter(e -> !Files.exists(root.resolve(e.getValue())
                .resolve(e.getKey()))).count();
        System.out.printf(Locale.ROOT, "Photos not in their true class afterwards: %d%n", misfiled);
        Platform.exit();
        System.exit(0);
    }

    private static String suggested(LabelLoop loop) {
        Suggestion s = loop.suggestion();
        return s == null ? null : s.label();
    }

    private static int press(Robot robot, KeyCode key) throws Exception {
        onFx(() -> {
            robot.keyPress(key);
            robot.keyRelease(key);
            return null;
        });
        return 1;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Timed out waiting");
            }
            Thread.sleep(20);
        }
    }
}
