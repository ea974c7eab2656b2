// A thin VS Code client for codestral-lsp: it starts the server, carries its inline completion
// (a proposed feature in vscode-languageclient 10, so registerProposedFeatures() must come before
// start() or VS Code never asks), keeps the API key in SecretStorage, shows `codestral/status`
// in the status bar and streams `codestral/chat` answers into a markdown editor.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ProgressType,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import {
  Files,
  SettingProperty,
  Status,
  chatErrorText,
  chatParams,
  resolveServerCommand,
  statusBarItem,
  toServerSettings,
} from './logic';

const SECRET_KEY = 'codestral.apiKey';

const files: Files = {
  isExecutable(path: string): boolean {
    try {
      fs.accessSync(path, fs.constants.X_OK);
      return fs.statSync(path).isFile();
    } catch {
      return false;
    }
  },
  isFile(path: string): boolean {
    try {
      return fs.statSync(path).isFile();
    } catch {
      return false;
    }
  },
};

/**
 * A .vsix is a zip, and not every tool that makes or unpacks one keeps Unix permissions: the
 * carried launcher and its Java are made executable before the first start.
 */
function makeExecutable(extensionPath: string): void {
  if (process.platform === 'win32') {
    return;
  }
  for (const file of ['server/bin/codestral-lsp', 'server/runtime/bin/java']) {
    const target = path.join(extensionPath, file);
    if (fs.existsSync(target) && !files.isExecutable(target)) {
      fs.chmodSync(target, 0o755);
    }
  }
}

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let statusItem: vscode.StatusBarItem;
let chatCounter = 0;

let contributed: Record<string, SettingProperty> = {};

function currentSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('codestral');
  return toServerSettings(contributed, (key) => config.get(key));
}

function showStatus(status: Status | undefined): void {
  const item = statusBarItem(status);
  statusItem.text = item.text;
  statusItem.tooltip = item.tooltip;
  statusItem.backgroundColor = item.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  statusItem.command = status?.state === 'unauthorized' ? 'codestral.setApiKey' : 'codestral.showOutput';
  statusItem.show();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('codestral');
  const resolved = resolveServerCommand(
    {
      launcher: config.get<string>('server.launcher'),
      jar: config.get<string>('server.jar'),
      java: config.get<string>('server.java'),
    },
    process.env,
    files,
    process.platform,
    path.join(context.extensionPath, 'server'),
  );
  if (resolved.ok && resolved.command.startsWith(path.join(context.extensionPath, 'server'))) {
    makeExecutable(context.extensionPath);
  }
  if (!resolved.ok) {
    statusItem.text = '$(error) Codestral';
    statusItem.tooltip = resolved.reason;
    statusItem.command = 'codestral.showOutput';
    statusItem.show();
    output.appendLine(`Cannot start codestral-lsp: ${resolved.reason}`);
    void vscode.window.showErrorMessage(`Codestral: ${resolved.reason}`, 'Open Settings').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'codestral.server');
      }
    });
    return;
  }
  const env: Record<string, string | undefined> = { ...process.env };
  const key = await context.secrets.get(SECRET_KEY);
  if (key !== undefined && key !== '') {
    env.CODESTRAL_API_KEY = key; // the server reads it from its environment, never from a setting
  }
  // Node refuses to spawn a .cmd without a shell (CVE-2024-27980): the Windows distribution's launcher is one.
  const shell = process.platform === 'win32' && resolved.command.toLowerCase().endsWith('.cmd');
  // With a shell the command line is joined unquoted; the extensions folder may hold a space.
  const command = shell ? `"${resolved.command}"` : resolved.command;
  const serverOptions: ServerOptions = { command, args: resolved.args, options: { env, shell } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    initializationOptions: { codestral: currentSettings() },
    outputChannel: output,
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, i) =>
            item.section === 'codestral' ? currentSettings() : item.section === undefined ? { codestral: currentSettings() } : answers[i],
          );
        },
      },
    },
  };
  const started = new LanguageClient('codestral', 'Codestral', serverOptions, clientOptions);
  started.registerProposedFeatures(); // textDocument/inlineCompletion is proposed in v10
  started.onNotification('codestral/status', (status: Status) => {
    showStatus(status);
    if (status.state === 'unauthorized') {
      void vscode.window.showErrorMessage(`Codestral: ${status.message ?? 'the API key was refused'}`, 'Set API Key').then((choice) => {
        if (choice === 'Set API Key') {
          void vscode.commands.executeCommand('codestral.setApiKey');
        }
      });
    }
  });
  started.onDidChangeState((event) => {
    if (event.newState === State.Stopped && client === started) {
      statusItem.text = '$(error) Codestral';
      statusItem.tooltip = 'codestral-lsp stopped: see Codestral: Show Server Output';
    }
  });
  client = started;
  showStatus(undefined);
  await started.start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop();
  }
}

async function chat(): Promise<void> {
  const running = client;
  if (running === undefined || !running.isRunning()) {
    void vscode.window.showErrorMessage('Codestral: the server is not running.');
    return;
  }
  const prompt = await vscode.window.showInputBox({ prompt: 'Ask Codestral', placeHolder: 'Explain this code' });
  if (prompt === undefined || prompt.trim() === '') {
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const selection =
    editor !== undefined && !editor.selection.isEmpty
      ? {
          uri: editor.document.uri.toString(),
          languageId: editor.document.languageId,
          text: editor.document.getText(editor.selection),
          start: { line: editor.selection.start.line, character: editor.selection.start.character },
          end: { line: editor.selection.end.line, character: editor.selection.end.character },
        }
      : undefined;
  chatCounter += 1;
  const token = `codestral-chat-${chatCounter}`;
  const doc = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: `## You\n\n${prompt}\n\n## Codestral\n\n`,
  });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  let queue: Promise<unknown> = Promise.resolve();
  const append = (text: string): void => {
    queue = queue.then(() => {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, text);
      return vscode.workspace.applyEdit(edit);
    });
  };
  let streamed = false;
  const progress = running.onProgress(new ProgressType<{ delta?: unknown }>(), token, (value) => {
    if (typeof value.delta === 'string') {
      streamed = true;
      append(value.delta);
    }
  });
  try {
    const result = await running.sendRequest<{ content?: unknown } | null>('codestral/chat', chatParams(prompt, token, selection));
    if (!streamed && typeof result?.content === 'string') {
      append(result.content);
    }
  } catch (error) {
    append(`\n(chat failed: ${chatErrorText(error)})\n`);
    void vscode.window.showErrorMessage(`Codestral chat: ${chatErrorText(error)}`);
  } finally {
    progress.dispose();
    await queue;
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Codestral', { log: true });
  contributed = context.extension.packageJSON.contributes.configuration.properties;
  statusItem = vscode.window.createStatusBarItem('codestral.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'Codestral';
  const restart = async (): Promise<void> => {
    await stop();
    await start(context);
  };
  context.subscriptions.push(
    output,
    statusItem,
    vscode.commands.registerCommand('codestral.setApiKey', async () => {
      const key = await vscode.window.showInputBox({
        prompt: 'Codestral API key (kept in VS Code\'s secret storage)',
        password: true,
        ignoreFocusOut: true,
      });
      if (key !== undefined && key.trim() !== '') {
        await context.secrets.store(SECRET_KEY, key.trim()); // onDidChange restarts the server
      }
    }),
    vscode.commands.registerCommand('codestral.clearApiKey', () => context.secrets.delete(SECRET_KEY)),
    vscode.commands.registerCommand('codestral.chat', chat),
    vscode.commands.registerCommand('codestral.restart', restart),
    vscode.commands.registerCommand('codestral.showOutput', () => output.show()),
    context.secrets.onDidChange((event) => {
      if (event.key === SECRET_KEY) {
        void restart();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('codestral.server')) {
        void restart();
      } else if (event.affectsConfiguration('codestral') && client?.isRunning()) {
        void client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { codestral: currentSettings() },
        });
      }
    }),
  );
  try {
    await start(context);
  } catch (error) {
    output.appendLine(`codestral-lsp failed to start: ${String(error)}`);
    void vscode.window.showErrorMessage(`Codestral: the server failed to start (${String(error)}).`);
  }
}

export function deactivate(): Promise<void> {
  return stop();
}
