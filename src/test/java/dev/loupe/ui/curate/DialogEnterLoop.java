package dev.loupe.ui.curate;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Not a test: the crash of issue 17 point 2 in a loop, on a real X display (GTK glass with its XIM input method;
 * Monocle has neither). Opens the "New class" dialog of {@link CurateDialogs#fx} N times, types a letter, presses the
 * keyboard's Enter (xdotool: a real Return key event through XTest and GDK) and counts the dialogs that closed with
 * the name. Preload src/test/native/scribble-free.c so that reading freed memory crashes at once instead of when the
 * allocator happens to reuse it: {@code DISPLAY=:N LD_PRELOAD=/tmp/scribble.so java -cp
 * target/classes:target/test-classes:target/lib/* dev.loupe.ui.curate.DialogEnterLoop\$Main 300} prints "passed N of
 * N", or the JVM dies with SIGSEGV in WindowContextBase::process_key.
 */
public final class DialogEnterLoop extends Application {

    public static final class Main {
        public static void main(String[] args) {
            Application.launch(DialogEnterLoop.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        int rounds = Integer.parseInt(getParameters().getRaw().get(0));
        Label owner = new Label("Curate");
        stage.setScene(new Scene(new StackPane(owner), 400, 300));
        stage.show();
        if (Boolean.getBoolean("trace")) {
            // Where a dialog's window goes away: inside the key PRESSED event of Glass's process_key, or later.
            Window.getWindows().addListener((javafx.collections.ListChangeListener<Window>) c -> {
                while (c.next()) {
                    if (c.wasRemoved()) {
                        java.util.Arrays.stream(Thread.currentThread().getStackTrace())
                                .filter(f -> f.getMethodName().contains("notifyKey")
                                        || f.getMethodName().contains("handleKeyEvent")
                                        || f.getMethodName().contains("runLoop"))
                                .forEach(f -> System.out.println("closed in " + f));
                    }
                }
            });
        }
        Thread loop = new Thread(() -> run(owner, rounds), "dialog-loop");
        loop.setDaemon(true);
        loop.start();
    }

    private static void run(Label owner, int rounds) {
        int passed = 0;
        try {
            for (int i = 1; i <= rounds; i++) {
                AtomicReference<Optional<String>> answer = new AtomicReference<>();
                CompletableFuture<Void> closed = new CompletableFuture<>();
                Platform.runLater(() -> {
                    answer.set(CurateDialogs.fx(owner).askName("New class", "Name of the new class:", ""));
                    closed.complete(null);
                });
                awaitDialog();
                onFx(() -> new Robot().keyType(KeyCode.C));
                // A keyboard's Enter is the Return keysym; JavaFX's Robot sends KP_Enter, which Glass does not
                // turn into a TYPED event, and so never reads the closed window's memory.
                new ProcessBuilder("xdotool", "key", "Return").inheritIO().start().waitFor();
                closed.get(10, TimeUnit.SECONDS);
                if (answer.get().filter("c"::equals).isPresent()) {
                    passed++;
                }
                if (i % 50 == 0) {
                    System.out.println("round " + i + ": " + passed + " passed");
                }
            }
            System.out.println("passed " + passed + " of " + rounds);
        } catch (Exception e) {
            System.out.println("stopped after " + passed + " passed: " + e);
        }
        Platform.exit();
    }

    /** Waits until the dialog's window is showing and focused, so the robot's keys go to its text field. */
    private static void awaitDialog() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> shown = new CompletableFuture<>();
            Platform.runLater(() -> shown.complete(Window.getWindows().stream()
                    .anyMatch(w -> w != null && w.isShowing() && w.isFocused() && w.getScene() != null
                            && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane)));
            if (shown.get(5, TimeUnit.SECONDS)) {
                Thread.sleep(30);
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the dialog did not show");
    }

    private static void onFx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            r.run();
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
    }
}
