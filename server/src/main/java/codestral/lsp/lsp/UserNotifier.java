package codestral.lsp.lsp;

import codestral.lsp.config.ApiKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Tells the user something with {@code window/showMessage}: once per topic ({@link #showOnce})
 * until {@link #forget} says the condition went away, or on a change of state ({@link #show}, which
 * its caller calls only on transitions). A failing key must not pop up a dialog per keystroke.
 * Every text is masked for API keys before it leaves.
 */
public final class UserNotifier {
  private final Set<String> shown = ConcurrentHashMap.newKeySet();
  private volatile LanguageClient client;

  void connect(LanguageClient client) {
    this.client = client;
  }

  /** Shows the message under {@code topic} unless a message of that topic is already shown. */
  void showOnce(String topic, MessageType type, String message) {
    LanguageClient target = client;
    if (target != null && shown.add(topic)) {
      target.showMessage(new MessageParams(type, ApiKey.mask("Codestral: " + message)));
    }
  }

  /** Shows the message now; for callers that already decided this is news (a state change). */
  void show(MessageType type, String message) {
    LanguageClient target = client;
    if (target != null) {
      target.showMessage(new MessageParams(type, ApiKey.mask("Codestral: " + message)));
    }
  }

  /** The condition behind {@code topic} is over: a new occurrence is shown again. */
  void forget(String topic) {
    shown.remove(topic);
  }
}
