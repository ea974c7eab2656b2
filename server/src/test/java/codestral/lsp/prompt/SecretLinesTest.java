package codestral.lsp.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretLinesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "API_TOKEN=sk-live-abc123",
        "export DB_PASSWORD=hunter2",
        "password: correct horse battery staple",
        "  \"apiKey\": \"AIzaSyA-1234567890abcdefghijklmnop\",",
        "const client = new Client({ secret: 'p4ssw0rd-value' });",
        "self.client_secret = \"abcd1234\"",
        "headers = {'Authorization': 'Bearer ' + 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'}",
        "aws_key = AKIAIOSFODNN7EXAMPLE",
        "curl -H 'X: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY9z'",
      })
  void assignmentsOfSecretsAndRandomLookingTokensAreSecret(String line) {
    assertThat(SecretLines.looksSecret(line)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "def complete_with_window_builder(self, snapshot):",
        "    return ThisIsAVeryLongCamelCaseIdentifierName(x)",
        "import codestral.lsp.prompt.WindowBuilder;",
        "String label = \"tokenizer\";",
        "  if (password == null) {",
        "    result.add(values[index] * 1000000 + offset);",
      })
  void ordinaryCodeIsKept(String line) {
    assertThat(SecretLines.looksSecret(line)).isFalse();
  }

  @Test
  void aPrivateKeyBlockIsDroppedWhole() {
    List<String> lines =
        List.of(
            "KEY = \"\"\"",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz",
            "c2gtZWQyNTUxOQAAACDm",
            "-----END OPENSSH PRIVATE KEY-----",
            "\"\"\"",
            "def load(): pass");
    assertThat(SecretLines.filter(lines))
        .containsExactly("KEY = \"\"\"", "\"\"\"", "def load(): pass");
  }
}
