"""Checks editors/helix/languages.toml the way Helix reads it (TOML, Python >= 3.11's tomllib).

Usage: python3 check_languages.py [path/to/languages.toml]

Prints a JSON summary on stdout and exits 0 when the fragment is valid: the `codestral` server
is declared with a command that starts codestral-lsp (`codestral-lsp` on PATH, a path to the
launcher, or `java -jar …/codestral-lsp.jar`), and every [[language]] lists `codestral`, completion only, after at least
one other server. Exits 1 with the problems on stderr otherwise.
"""
import json
import sys
import tomllib
from pathlib import Path


def server_name(entry):
    return entry if isinstance(entry, str) else entry.get("name")


def check(path):
    with open(path, "rb") as f:
        data = tomllib.load(f)
    problems = []
    server = data.get("language-server", {}).get("codestral")
    if server is None:
        return data, ["no [language-server.codestral]"]
    command, args = server.get("command"), server.get("args", [])
    if command == "java":
        if len(args) != 2 or args[0] != "-jar" or not args[1].endswith("/codestral-lsp.jar"):
            problems.append(f"java must run -jar …/codestral-lsp.jar, not {args}")
    elif command != "codestral-lsp" and not str(command).endswith("/codestral-lsp"):
        problems.append(f"command must be codestral-lsp (on PATH or a path to it) or java, not {command!r}")
    if not isinstance(server.get("config", {}).get("codestral", {}), dict):
        problems.append("config.codestral must be a table (the server's settings section)")
    names = [lang.get("name") for lang in data.get("language", [])]
    if len(set(names)) != len(names):
        problems.append("a language is listed twice")
    for lang in data.get("language", []):
        servers = lang.get("language-servers", [])
        ours = [s for s in servers if server_name(s) == "codestral"]
        if len(ours) != 1:
            problems.append(f"{lang.get('name')}: codestral must be listed once, found {len(ours)}")
            continue
        if isinstance(ours[0], dict) and ours[0].get("only-features") not in (None, ["completion"]):
            problems.append(f"{lang.get('name')}: only-features must be [\"completion\"]")
        if len(servers) < 2:
            problems.append(f"{lang.get('name')}: the language's own servers were dropped")
    return data, problems


def main():
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "languages.toml")
    data, problems = check(path)
    server = data.get("language-server", {}).get("codestral", {})
    print(json.dumps({
        "command": server.get("command"),
        "args": server.get("args", []),
        "languages": [lang.get("name") for lang in data.get("language", [])],
        "problems": problems,
    }))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
