package codestral.lsp.prompt;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to write a one-line comment in a language, by the editor's language id, so that a snippet's
 * path header reads as a comment to the model and not as code it should continue.
 */
final class CommentSyntax {
  private static final Map<String, String[]> BY_LANGUAGE = new HashMap<>();

  static {
    register(
        new String[] {"# ", ""},
        "python",
        "shellscript",
        "sh",
        "bash",
        "zsh",
        "fish",
        "ruby",
        "yaml",
        "toml",
        "perl",
        "r",
        "makefile",
        "dockerfile",
        "cmake",
        "powershell",
        "elixir",
        "nix",
        "julia",
        "crystal",
        "coffeescript",
        "graphql",
        "properties",
        "tcl",
        "nim",
        "terraform",
        "hcl",
        "gitignore",
        "starlark",
        "bazel",
        "awk",
        "gdscript",
        "raku");
    register(
        new String[] {"-- ", ""},
        "lua",
        "sql",
        "haskell",
        "elm",
        "ada",
        "vhdl",
        "plsql",
        "purescript",
        "agda",
        "idris");
    register(
        new String[] {"; ", ""},
        "clojure",
        "lisp",
        "commonlisp",
        "scheme",
        "racket",
        "emacs-lisp",
        "elisp",
        "asm",
        "ini",
        "fennel");
    register(new String[] {"% ", ""}, "erlang", "latex", "tex", "bibtex", "matlab", "prolog");
    register(
        new String[] {"<!-- ", " -->"},
        "html",
        "xml",
        "markdown",
        "vue",
        "svelte",
        "svg",
        "xsl",
        "astro");
    register(new String[] {"/* ", " */"}, "css");
    register(new String[] {"(* ", " *)"}, "ocaml", "pascal", "fsharp-signature");
    register(new String[] {"\" ", ""}, "vim");
    register(new String[] {"' ", ""}, "vb", "vba");
  }

  private CommentSyntax() {}

  private static void register(String[] delimiters, String... languages) {
    for (String language : languages) {
      BY_LANGUAGE.put(language, delimiters);
    }
  }

  /** A comment line holding {@code text}; C-style {@code //} for every language not listed. */
  static String line(String languageId, String text) {
    String[] delimiters =
        BY_LANGUAGE.getOrDefault(languageId.toLowerCase(Locale.ROOT), new String[] {"// ", ""});
    return delimiters[0] + text + delimiters[1];
  }
}
