package dev.loupe.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The web page export in Debian's Chromium, headless, driven through its chromedriver (Selenium): opened from its
 * file:// URL, a photo chosen in its file input as a user would, the page's answer read back.
 */
final class WebPage implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    /** The page's labels, best first, with their probabilities. */
    record Answer(List<String> labels, List<Double> probabilities) {
    }

    WebPage(Path index) throws Exception {
        driver = chromium();
        driver.get(index.toUri().toString());
        await("the model to load", () -> status().contains("Drop a photo"), 120);
    }

    /** Debian's Chromium, headless, under its own chromedriver. */
    static ChromeDriver chromium() {
        // Selenium warns that it has no DevTools binding for this Chromium; the tests use WebDriver only.
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new AssertionError("Chromium and its driver are not installed: apt-get install chromium "
                    + "chromium-driver (as .ci/run does)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1100,760");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    /** Chooses {@code photo} in the page's file input and waits for its answer. */
    Answer classify(Path photo) throws Exception {
        ((JavascriptExecutor) driver).executeScript("window.loupeResult = null");
        driver.findElement(By.id("file")).sendKeys(photo.toAbsolutePath().toString());
        String name = photo.getFileName().toString();
        await("an answer for " + name, () -> status().startsWith(name + ":"), 60);
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) ((JavascriptExecutor) driver)
                .executeScript("return window.loupeResult");
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) r.get("labels");
        @SuppressWarnings("unchecked")
        List<Number> p = (List<Number>) r.get("probabilities");
        return new Answer(labels, p.stream().map(Number::doubleValue).toList());
    }

    /** The text the page shows on its top label line. */
    String status() {
        return driver.findElement(By.id("status")).getText();
    }

    void screenshot(Path png) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.copy(shot.toPath(), png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void await(String what, java.util.function.BooleanSupplier done, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("The web page showed no " + what + " within " + seconds + " s; it says: "
                        + status());
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
