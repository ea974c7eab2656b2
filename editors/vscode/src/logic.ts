// The extension's decisions, as pure functions of their inputs (no `vscode` import), so that
// node's test runner checks them without a VS Code.

/** What the file system can tell; injected so tests need no real files. */
export interface Files {
  isExecutable(path: string): boolean;
  isFile(path: string): boolean;
}

/** The `codestral.server.*` settings: how to start the server. */
export interface ServerSettings {
  launcher?: string;
  jar?: string;
  java?: string;
}

/** A command line, or the sentence that tells the user why there is none. */
export type ServerCommand =
  | { ok: true; command: string; args: string[] }
  | { ok: false; reason: string };

const JAVA_HINT =
  'Install a JDK 17 or newer, or set "codestral.server.java" (or JAVA_HOME) to its java.';

function nonEmpty(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function join(dir: string, name: string, separator: string): string {
  return dir.endsWith(separator) ? dir + name : dir + separator + name;
}

/**
 * Finds java: the setting, then $JAVA_HOME/bin/java, then each PATH entry. Returns undefined when
 * none is executable; a setting that points nowhere is not silently replaced by another java.
 */
export function findJava(
  configured: string | undefined,
  env: Record<string, string | undefined>,
  files: Files,
  platform: string = process.platform,
): string | undefined {
  const windows = platform === 'win32';
  const exe = windows ? 'java.exe' : 'java';
  const separator = windows ? '\\' : '/';
  if (nonEmpty(configured)) {
    return files.isExecutable(configured) ? configured : undefined;
  }
  if (nonEmpty(env.JAVA_HOME)) {
    const candidate = join(join(env.JAVA_HOME, 'bin', separator), exe, separator);
    if (files.isExecutable(candidate)) {
      return candidate;
    }
  }
  const path = env.PATH ?? env.Path ?? '';
  for (const dir of path.split(windows ? ';' : ':')) {
    if (dir === '') {
      continue;
    }
    const candidate = join(dir, exe, separator);
    if (files.isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * The command that starts codestral-lsp: the launcher script when set and executable, else
 * `java -jar JAR` with the jar from the setting or $CODESTRAL_LSP_JAR, else the server the
 * extension carries in its `bundled` folder: a platform .vsix holds the self-contained
 * distribution (bin/codestral-lsp, no Java needed), the universal one the jar (a Java ≥ 17 found
 * as for the jar setting). No setting is needed for either.
 */
export function resolveServerCommand(
  server: ServerSettings,
  env: Record<string, string | undefined>,
  files: Files,
  platform: string = process.platform,
  bundled?: string,
): ServerCommand {
  if (nonEmpty(server.launcher)) {
    if (files.isExecutable(server.launcher)) {
      return { ok: true, command: server.launcher, args: [] };
    }
    return { ok: false, reason: `codestral.server.launcher is not an executable file: ${server.launcher}` };
  }
  let jar = nonEmpty(server.jar) ? server.jar : env.CODESTRAL_LSP_JAR;
  if (!nonEmpty(jar) && nonEmpty(bundled)) {
    const separator = platform === 'win32' ? '\\' : '/';
    const bin = join(join(bundled, 'bin', separator), platform === 'win32' ? 'codestral-lsp.cmd' : 'codestral-lsp', separator);
    if (files.isFile(bin)) {
      return { ok: true, command: bin, args: [] };
    }
    const carried = join(bundled, 'codestral-lsp.jar', separator);
    if (files.isFile(carried)) {
      jar = carried;
    }
  }
  if (!nonEmpty(jar)) {
    return {
      ok: false,
      reason: 'Set "codestral.server.jar" to codestral-lsp.jar (built by `mvn -B verify` in server/target/).',
    };
  }
  if (!files.isFile(jar)) {
    return { ok: false, reason: `The codestral-lsp jar is not there: ${jar}` };
  }
  const java = findJava(server.java, env, files, platform);
  if (java === undefined) {
    const where = nonEmpty(server.java) ? `"codestral.server.java" (${server.java}) is not executable. ` : 'Java was not found. ';
    return { ok: false, reason: where + JAVA_HINT };
  }
  return { ok: true, command: java, args: ['-jar', jar] };
}

/** One entry of `contributes.configuration.properties`, as far as settings need it. */
export interface SettingProperty {
  default?: unknown;
}

/**
 * The server's `codestral` section from VS Code's settings: every setting the extension
 * contributes (that list is generated from the server's own, `codestral-lsp settings`) except the
 * client-only `codestral.server.*` and any key (kept in SecretStorage, never in settings). Dotted
 * names nest (`chat.model` becomes `{chat: {model}}`), as the server reads them; an empty string
 * where the default is empty means "not set", so the server falls back to the environment.
 */
export function toServerSettings(
  properties: Record<string, SettingProperty>,
  get: (key: string) => unknown,
): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    const key = name.replace(/^codestral\./, '');
    if (key === name || key.startsWith('server.') || key === 'apiKey') {
      continue;
    }
    const value = get(key);
    if (value === undefined || value === null) {
      continue;
    }
    if (typeof value === 'string' && value.trim() === '' && property.default === '') {
      continue;
    }
    const path = key.split('.');
    let parent = section;
    for (const part of path.slice(0, -1)) {
      if (typeof parent[part] !== 'object' || parent[part] === null) {
        parent[part] = {};
      }
      parent = parent[part] as Record<string, unknown>;
    }
    parent[path[path.length - 1]] = value;
  }
  return section;
}

/** The server's `codestral/status` notification. */
export interface Status {
  state: string;
  message?: string;
}

/** What the status bar shows for a status: a codicon, a short text and its tooltip. */
export function statusBarItem(status: Status | undefined): { text: string; tooltip: string; warning: boolean } {
  if (status === undefined) {
    return { text: '$(sparkle) Codestral', tooltip: 'codestral-lsp is running', warning: false };
  }
  const icons: Record<string, string> = {
    ready: '$(sparkle)',
    busy: '$(loading~spin)',
    'rate-limited': '$(watch)',
    unauthorized: '$(key)',
    offline: '$(debug-disconnect)',
    disabled: '$(circle-slash)',
  };
  const icon = icons[status.state] ?? '$(question)';
  const text = status.state === 'ready' || status.state === 'busy' ? `${icon} Codestral` : `${icon} Codestral: ${status.state}`;
  const warning = status.state === 'unauthorized' || status.state === 'offline' || status.state === 'rate-limited';
  return { text, tooltip: status.message && status.message !== '' ? status.message : status.state, warning };
}

/** An LSP position. */
export interface Position {
  line: number;
  character: number;
}

/** The `codestral/chat` params for a question, with the selection when there is one. */
export function chatParams(
  prompt: string,
  token: string,
  selection?: { uri: string; languageId: string; text: string; start: Position; end: Position },
): Record<string, unknown> {
  if (selection === undefined || selection.text === '') {
    return { messages: [{ role: 'user', content: prompt }], partialResultToken: token };
  }
  const content = `${prompt}\n\n\`\`\`${selection.languageId}\n${selection.text}\n\`\`\``;
  return {
    messages: [{ role: 'user', content }],
    textDocument: { uri: selection.uri },
    range: { start: selection.start, end: selection.end },
    partialResultToken: token,
  };
}

/** A sentence for a failed chat request (JSON-RPC error or anything thrown). */
export function chatErrorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === -32601) {
    return 'this codestral-lsp has no codestral/chat yet (method not found)';
  }
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
