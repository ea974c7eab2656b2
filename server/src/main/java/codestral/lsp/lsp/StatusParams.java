package codestral.lsp.lsp;

import java.util.Objects;

/** The params of {@code codestral/status}: {@code {"state": "ready", "message": "ready"}}. */
public final class StatusParams {
  private String state;
  private String message;

  public StatusParams() {}

  public StatusParams(String state, String message) {
    this.state = state;
    this.message = message;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StatusParams params
        && Objects.equals(params.state, state)
        && Objects.equals(params.message, message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, message);
  }

  @Override
  public String toString() {
    return "StatusParams[" + state + ": " + message + "]";
  }
}
