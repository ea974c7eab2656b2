package codestral.lsp;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The map of ARCHITECTURE.md, held as a test, with no exemptions: the process entry ({@code Main},
 * {@code app}, {@code cli}) on top, then the protocol adapters ({@code lsp}), the features ({@code
 * completion}, {@code chat}, {@code feedback}), the parts they use, and {@code config} that every
 * layer reads; no package cycles; LSP4J only in the adapters and the wiring, OkHttp and Jackson
 * only in the backends and the wiring.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("codestral.lsp");
  }

  @Test
  void layersOnlyReachDown() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Entry")
        .definedBy(
            or(
                belongToAnyOf(Main.class),
                resideInAnyPackage("codestral.lsp.app..", "codestral.lsp.cli..")))
        .layer("Protocol")
        .definedBy("codestral.lsp.lsp..")
        .layer("Features")
        .definedBy("codestral.lsp.completion..", "codestral.lsp.chat..", "codestral.lsp.feedback..")
        .layer("Parts")
        .definedBy(
            "codestral.lsp.document..",
            "codestral.lsp.prompt..",
            "codestral.lsp.cache..",
            "codestral.lsp.backend..",
            "codestral.lsp.postprocess..",
            "codestral.lsp.workspace..")
        .layer("Settings")
        .definedBy("codestral.lsp.config..")
        .layer("Log")
        .definedBy(belongToAnyOf(Logging.class))
        .whereLayer("Entry")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Protocol")
        .mayOnlyBeAccessedByLayers("Entry")
        .whereLayer("Features")
        .mayOnlyBeAccessedByLayers("Entry", "Protocol")
        .whereLayer("Parts")
        .mayOnlyBeAccessedByLayers("Entry", "Protocol", "Features")
        .whereLayer("Settings")
        .mayOnlyBeAccessedByLayers("Entry", "Protocol", "Features", "Parts", "Log")
        .whereLayer("Log")
        .mayOnlyBeAccessedByLayers("Entry", "Protocol")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("codestral.lsp.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyTheProtocolAdaptersAndTheWiringTouchLsp4j() {
    noClasses()
        .that()
        .resideOutsideOfPackages("codestral.lsp.lsp..", "codestral.lsp.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.eclipse.lsp4j..", "com.google.gson..")
        .check(classes);
  }

  @Test
  void onlyTheBackendsAndTheWiringTouchOkHttp() {
    noClasses()
        .that()
        .resideOutsideOfPackages("codestral.lsp.backend..", "codestral.lsp.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("okhttp3..", "okio..")
        .check(classes);
  }

  /** The command line prints JSON too (`codestral-lsp settings`); the core never sees it. */
  @Test
  void onlyTheBackendsTheWiringAndTheCommandLineTouchJackson() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "codestral.lsp.backend..", "codestral.lsp.app..", "codestral.lsp.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson..")
        .check(classes);
  }

  @Test
  void documentsKnowNothingOfPromptsOrHttp() {
    noClasses()
        .that()
        .resideInAPackage("codestral.lsp.document..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("codestral.lsp.prompt..", "codestral.lsp.backend..", "okhttp3..")
        .check(classes);
  }

  @Test
  void theWorkspaceIndexKnowsNothingOfPromptsOrHttp() {
    noClasses()
        .that()
        .resideInAPackage("codestral.lsp.workspace..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "codestral.lsp.prompt..", "codestral.lsp.backend..", "okhttp3..", "java.net.http..")
        .check(classes);
  }

  @Test
  void postProcessingDependsOnlyOnPromptTypes() {
    noClasses()
        .that()
        .resideInAPackage("codestral.lsp.postprocess..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "codestral.lsp.document..",
            "codestral.lsp.backend..",
            "codestral.lsp.cache..",
            "codestral.lsp.config..")
        .check(classes);
  }

  @Test
  void promptsNeverCallTheNetwork() {
    noClasses()
        .that()
        .resideInAPackage("codestral.lsp.prompt..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("codestral.lsp.backend..", "okhttp3..", "java.net.http..")
        .check(classes);
  }
}
