package codestral.lsp.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import codestral.lsp.config.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveFilesTest {
  private final SensitiveFiles defaults =
      new SensitiveFiles(Settings.Prompt.DEFAULT_EXCLUDED_FILES);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///work/project/.env",
        "file:///work/project/.env.local",
        "file:///work/project/config/.env.production",
        "file:///work/project/prod.env",
        "file:///work/project/.ENV",
        "file:///work/project/certs/server.pem",
        "file:///work/project/certs/tls.key",
        "file:///work/project/store.p12",
        "file:///home/me/.ssh/id_rsa",
        "file:///home/me/.ssh/id_ed25519.pub",
        "file:///home/me/.npmrc",
        "file:///home/me/.netrc",
        "file:///home/me/.git-credentials",
        "file:///home/me/.aws/credentials",
        "file:///home/me/.aws/config",
        "file:///work/project/credentials.json",
        "file:///work/project/secrets.yaml",
        "file:///work/project/my%20dir/.env",
        "C:\\\\Users\\\\me\\\\project\\\\.env"
      })
  void keysAndEnvironmentFilesAreSensitiveByDefault(String uri) {
    assertThat(defaults.matches(uri)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///work/project/main.py",
        "file:///work/project/environment.py",
        "file:///work/project/src/keyboard.ts",
        "file:///work/project/config/app.yaml",
        "untitled:Untitled-1",
        "file:///work/project/.aws-notes/config"
      })
  void ordinaryCodeIsNot(String uri) {
    assertThat(defaults.matches(uri)).isFalse();
  }

  @Test
  void aUserListReplacesTheDefaultsAndSupportsFoldersAndAlternatives() {
    SensitiveFiles custom = new SensitiveFiles(List.of("**/private/**", "*.{secret,vault}"));
    assertThat(custom.matches("file:///w/p/private/notes.md")).isTrue();
    assertThat(custom.matches("file:///w/p/a/b/private/x/y.txt")).isTrue();
    assertThat(custom.matches("file:///w/p/db.vault")).isTrue();
    assertThat(custom.matches("file:///w/p/db.secret")).isTrue();
    assertThat(custom.matches("file:///w/p/.env")).isFalse();
  }
}
