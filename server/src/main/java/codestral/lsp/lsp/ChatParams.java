package codestral.lsp.lsp;

import java.util.List;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressAndPartialResultParams;

/**
 * Params of {@code codestral/chat}, as they arrive on the wire; {@code workDoneToken} and {@code
 * partialResultToken} come from the superclass. Everything but {@code messages} is optional.
 */
public final class ChatParams extends WorkDoneProgressAndPartialResultParams {
  private List<Message> messages;
  private TextDocumentIdentifier textDocument;
  private Range range;
  private String model;
  private Double temperature;
  private Integer maxTokens;

  /** One message: {@code {"role": "user", "content": "…"}}. */
  public static final class Message {
    private String role;
    private String content;

    public Message() {}

    public Message(String role, String content) {
      this.role = role;
      this.content = content;
    }

    public String getRole() {
      return role;
    }

    public String getContent() {
      return content;
    }
  }

  public List<Message> getMessages() {
    return messages;
  }

  public void setMessages(List<Message> messages) {
    this.messages = messages;
  }

  public TextDocumentIdentifier getTextDocument() {
    return textDocument;
  }

  public void setTextDocument(TextDocumentIdentifier textDocument) {
    this.textDocument = textDocument;
  }

  public Range getRange() {
    return range;
  }

  public void setRange(Range range) {
    this.range = range;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public Double getTemperature() {
    return temperature;
  }

  public void setTemperature(Double temperature) {
    this.temperature = temperature;
  }

  public Integer getMaxTokens() {
    return maxTokens;
  }

  public void setMaxTokens(Integer maxTokens) {
    this.maxTokens = maxTokens;
  }
}
