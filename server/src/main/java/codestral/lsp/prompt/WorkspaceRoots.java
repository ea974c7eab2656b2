package codestral.lsp.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The workspace folders the editor named in {@code initialize}, to write a snippet's path relative
 * to them: {@code src/util.py} tells the model as much as an absolute path and does not send the
 * user's home directory along.
 *
 * <p>Set once from the protocol thread, read from any: the list is replaced whole.
 */
public final class WorkspaceRoots {
  private volatile List<String> rootPaths = List.of();

  /** Sets the roots from their URIs ({@code rootUri} or each {@code workspaceFolders[].uri}). */
  public void set(List<String> rootUris) {
    List<String> paths = new ArrayList<>();
    for (String uri : rootUris) {
      if (uri == null || uri.isBlank()) {
        continue;
      }
      String path = SensitiveFiles.pathOf(uri);
      paths.add(path.endsWith("/") ? path : path + "/");
    }
    // Longest first, so a nested folder wins over its parent.
    paths.sort(Comparator.comparingInt(String::length).reversed());
    rootPaths = List.copyOf(paths);
  }

  /** The document's path relative to the root that holds it, or its file name when none does. */
  public String relativePath(String uri) {
    String path = SensitiveFiles.pathOf(uri);
    for (String root : rootPaths) {
      if (path.startsWith(root) && path.length() > root.length()) {
        return path.substring(root.length());
      }
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
