package dev.loupe.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine runs headless: it must not touch any UI library, nor the UI or CLI layers. Its packages are floors that
 * depend only downwards, and the deep-learning runtimes stay inside it.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.loupe");
    }

    @Test
    void engineImportsNoUiLibrary() {
        noClasses().that().resideInAPackage("dev.loupe.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.kordamp..",
                        "atlantafx..")
                .check(classes);
    }

    @Test
    void engineDoesNotReachIntoUiOrCli() {
        noClasses().that().resideInAPackage("dev.loupe.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.loupe.ui..", "dev.loupe.cli..")
                .check(classes);
    }

    /** A library that ends the JVM takes the studio's unsaved state with it: only entry points decide the exit. */
    @Test
    void engineNeverEndsTheJvm() {
        noClasses().that().resideInAPackage("dev.loupe.engine..")
                .should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .check(classes);
    }

    @Test
    void cliDoesNotUseTheUi() {
        noClasses().that().resideInAPackage("dev.loupe.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.loupe.ui..", "javafx..")
                .check(classes);
    }

    /**
     * A top-level engine package with its sub-packages is one floor; a floor that reached up into one resting on it
     * (as the audit once did from under {@code dataset} into {@code embedding}) would be a cycle here.
     */
    @Test
    void engineFloorsHaveNoCycles() {
        slices().matching("dev.loupe.engine.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void uiAndCliUseNoDeepLearningRuntimeType() {
        noClasses().that().resideInAnyPackage("dev.loupe.ui..", "dev.loupe.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..",
                        "org.datavec..", "ai.onnxruntime..", "org.bytedeco..")
                .check(classes);
    }

    @Test
    void onnxProtobufStaysInTheExporter() {
        noClasses().that().resideOutsideOfPackage("dev.loupe.engine.onnx..")
                .should().dependOnClassesThat().resideInAPackage("onnx..")
                .check(classes);
    }

    /**
     * Spark is a {@code provided} library: the desktop's class path does not have it, so only the Spark application
     * may touch it, and the Spark application, which runs on machines without a display, none of the UI.
     */
    @Test
    void onlyTheSparkApplicationUsesSparkAndItUsesNoUi() {
        noClasses().that().resideOutsideOfPackage("dev.loupe.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..", "dev.loupe.spark..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.loupe.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.loupe.ui..", "dev.loupe.cli..", "javafx..",
                        "org.controlsfx..", "org.kordamp..", "atlantafx..", "org.duckdb..")
                .check(classes);
    }
}
