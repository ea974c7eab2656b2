package codestral.lsp.workspace;

import java.util.Arrays;
import java.util.Map;

/**
 * Maps of a key to a small array of paths, changed by copy: lookups from completions read an array
 * that never changes under them, and the one indexing thread replaces it.
 */
final class PathLists {
  /**
   * A name defined in more files than this is too common to be worth looking up (main, init, …).
   */
  static final int MAX_PATHS = 48;

  private PathLists() {}

  /** Adds a path under a key; whether the key is new. */
  static boolean add(Map<String, String[]> map, String key, String path) {
    boolean[] added = {false};
    map.compute(
        key,
        (k, paths) -> {
          if (paths == null) {
            added[0] = true;
            return new String[] {path};
          }
          for (String existing : paths) {
            if (existing.equals(path)) {
              return paths;
            }
          }
          if (paths.length >= MAX_PATHS) {
            return paths;
          }
          String[] more = Arrays.copyOf(paths, paths.length + 1);
          more[paths.length] = path;
          return more;
        });
    return added[0];
  }

  static void remove(Map<String, String[]> map, String key, String path) {
    map.computeIfPresent(
        key,
        (k, paths) -> {
          String[] rest =
              Arrays.stream(paths)
                  .filter(existing -> !existing.equals(path))
                  .toArray(String[]::new);
          return rest.length == 0 ? null : rest;
        });
  }
}
