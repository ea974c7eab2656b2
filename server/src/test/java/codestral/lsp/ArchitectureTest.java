package codestral.lsp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md, held as a test: {@code lsp → completion → {document, prompt,
 * cache, backend, postprocess}}, every layer may read {@code config}, only {@code lsp} touches
 * LSP4J, only {@code backend} touches OkHttp and Jackson.
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
  void onlyTheProtocolLayerAndEntryPointsTouchLsp4j() {
    noClasses()
        .that()
        .resideOutsideOfPackages("codestral.lsp.lsp..", "codestral.lsp.cli..")
        .and()
        .doNotHaveFullyQualifiedName("codestral.lsp.Main")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.eclipse.lsp4j..", "com.google.gson..")
        .check(classes);
  }

  @Test
  void onlyBackendsTouchOkHttpAndJackson() {
    noClasses()
        .that()
        .resideOutsideOfPackages("codestral.lsp.backend..", "codestral.lsp.lsp..", "codestral.lsp.cli..")
        .and()
        .doNotHaveFullyQualifiedName("codestral.lsp.Main")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("okhttp3..", "okio..", "com.fasterxml.jackson..")
        .check(classes);
  }

  @Test
  void lowerLayersDoNotReachUp() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "codestral.lsp.document..",
            "codestral.lsp.prompt..",
            "codestral.lsp.cache..",
            "codestral.lsp.backend..",
            "codestral.lsp.postprocess..",
            "codestral.lsp.workspace..",
            "codestral.lsp.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("codestral.lsp.lsp..", "codestral.lsp.completion..", "codestral.lsp.chat..", "codestral.lsp.cli..")
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
        .resideInAnyPackage("codestral.lsp.prompt..", "codestral.lsp.backend..", "okhttp3..", "java.net.http..")
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
