import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Files,
  chatErrorText,
  chatParams,
  findJava,
  resolveServerCommand,
  statusBarItem,
  toServerSettings,
} from '../src/logic';

/** A file system with exactly these executables and plain files. */
function fakeFiles(executables: string[], plain: string[] = []): Files {
  return {
    isExecutable: (path) => executables.includes(path),
    isFile: (path) => executables.includes(path) || plain.includes(path),
  };
}

describe('findJava', () => {
  it('prefers the setting over JAVA_HOME and PATH', () => {
    const files = fakeFiles(['/opt/jdk/bin/java', '/jh/bin/java', '/usr/bin/java']);
    assert.equal(findJava('/opt/jdk/bin/java', { JAVA_HOME: '/jh', PATH: '/usr/bin' }, files, 'linux'), '/opt/jdk/bin/java');
  });

  it('does not fall back when the configured java is missing', () => {
    assert.equal(findJava('/nowhere/java', { PATH: '/usr/bin' }, fakeFiles(['/usr/bin/java']), 'linux'), undefined);
  });

  it('uses JAVA_HOME/bin/java before PATH, with or without a trailing slash', () => {
    const files = fakeFiles(['/jh/bin/java', '/usr/bin/java']);
    assert.equal(findJava(undefined, { JAVA_HOME: '/jh/', PATH: '/usr/bin' }, files, 'linux'), '/jh/bin/java');
    assert.equal(findJava('', { JAVA_HOME: '/jh', PATH: '/usr/bin' }, files, 'linux'), '/jh/bin/java');
  });

  it('walks PATH in order when JAVA_HOME has no java', () => {
    const files = fakeFiles(['/b/java', '/c/java']);
    assert.equal(findJava(undefined, { JAVA_HOME: '/empty', PATH: '/a::/b:/c' }, files, 'linux'), '/b/java');
  });

  it('looks for java.exe on Windows PATH entries separated by semicolons', () => {
    const files = fakeFiles(['C:\\jdk\\bin\\java.exe']);
    assert.equal(findJava(undefined, { Path: 'C:\\x;C:\\jdk\\bin' }, files, 'win32'), 'C:\\jdk\\bin\\java.exe');
  });

  it('finds nothing on an empty machine', () => {
    assert.equal(findJava(undefined, {}, fakeFiles([]), 'linux'), undefined);
  });
});

describe('resolveServerCommand', () => {
  const jar = '/repo/server/target/codestral-lsp.jar';

  it('runs an executable launcher as is', () => {
    const launcher = '/repo/server/target/codestral-lsp';
    assert.deepEqual(resolveServerCommand({ launcher, jar }, {}, fakeFiles([launcher]), 'linux'), {
      ok: true,
      command: launcher,
      args: [],
    });
  });

  it('starts the distribution the platform extension carries, with no setting and no Java', () => {
    const launcher = '/ext/server/bin/codestral-lsp';
    assert.deepEqual(resolveServerCommand({}, {}, fakeFiles([launcher]), 'linux', '/ext/server'), {
      ok: true,
      command: launcher,
      args: [],
    });
  });

  it('starts the jar the universal extension carries with the java it finds', () => {
    const carried = '/ext/server/codestral-lsp.jar';
    const java = '/usr/bin/java';
    assert.deepEqual(
      resolveServerCommand({}, { PATH: '/usr/bin' }, fakeFiles([carried, java]), 'linux', '/ext/server'),
      { ok: true, command: java, args: ['-jar', carried] },
    );
  });

  it('prefers a configured jar to the carried server', () => {
    const java = '/usr/bin/java';
    const launcher = '/ext/server/bin/codestral-lsp';
    assert.deepEqual(
      resolveServerCommand({ jar }, { PATH: '/usr/bin' }, fakeFiles([jar, java, launcher]), 'linux', '/ext/server'),
      { ok: true, command: java, args: ['-jar', jar] },
    );
  });

  it('says so when the launcher is not executable', () => {
    const result = resolveServerCommand({ launcher: '/x/codestral-lsp' }, {}, fakeFiles([]), 'linux');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /launcher is not an executable file: \/x\/codestral-lsp/);
  });

  it('starts the jar with the java it finds', () => {
    assert.deepEqual(resolveServerCommand({ jar }, { PATH: '/usr/bin' }, fakeFiles(['/usr/bin/java'], [jar]), 'linux'), {
      ok: true,
      command: '/usr/bin/java',
      args: ['-jar', jar],
    });
  });

  it('takes the jar from CODESTRAL_LSP_JAR when the setting is empty', () => {
    const result = resolveServerCommand({ jar: '' }, { CODESTRAL_LSP_JAR: jar, PATH: '/usr/bin' }, fakeFiles(['/usr/bin/java'], [jar]), 'linux');
    assert.deepEqual(result, { ok: true, command: '/usr/bin/java', args: ['-jar', jar] });
  });

  it('asks for the jar setting when there is no jar at all', () => {
    const result = resolveServerCommand({}, { PATH: '/usr/bin' }, fakeFiles(['/usr/bin/java']), 'linux');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /codestral\.server\.jar/);
  });

  it('names a jar path that does not exist', () => {
    const result = resolveServerCommand({ jar: '/gone.jar' }, { PATH: '/usr/bin' }, fakeFiles(['/usr/bin/java']), 'linux');
    assert.match(!result.ok ? result.reason : '', /not there: \/gone\.jar/);
  });

  it('says clearly that Java is missing and how to fix it', () => {
    const result = resolveServerCommand({ jar }, { PATH: '/usr/bin' }, fakeFiles([], [jar]), 'linux');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /Java was not found\. Install a JDK 17 or newer/);
  });

  it('names the configured java when it is not executable', () => {
    const result = resolveServerCommand({ jar, java: '/bad/java' }, { PATH: '/usr/bin' }, fakeFiles(['/usr/bin/java'], [jar]), 'linux');
    assert.match(!result.ok ? result.reason : '', /"codestral\.server\.java" \(\/bad\/java\) is not executable/);
  });
});

describe('toServerSettings', () => {
  const properties = {
    'codestral.server.jar': { default: '' },
    'codestral.endpoint': { default: '' },
    'codestral.model': { default: 'codestral-latest' },
    'codestral.maxTokens': { default: 128 },
    'codestral.stop': { default: [] },
    'codestral.chat.model': { default: 'codestral-latest' },
    'codestral.chat.systemPrompt': { default: 'You are Codestral' },
    'codestral.context.exclude': { default: [] },
  };
  const settings = (values: Record<string, unknown>) => (key: string) => values[key];

  it('sends every contributed setting, nesting dotted names, and never the client-only server group', () => {
    const section = toServerSettings(
      properties,
      settings({ 'server.jar': '/x.jar', model: 'm', maxTokens: 64, stop: ['\n\n'], 'chat.model': 'c', 'context.exclude': ['gen/**'] }),
    );
    assert.deepEqual(section, { model: 'm', maxTokens: 64, stop: ['\n\n'], chat: { model: 'c' }, context: { exclude: ['gen/**'] } });
  });

  it('never sends an api key, even if a settings file has one', () => {
    assert.deepEqual(toServerSettings({ ...properties, 'codestral.apiKey': {} }, settings({ apiKey: 'secret', model: 'm' })), { model: 'm' });
  });

  it('leaves an empty endpoint to the environment but sends an empty system prompt, which means none', () => {
    const section = toServerSettings(properties, settings({ endpoint: '  ', 'chat.systemPrompt': '' }));
    assert.deepEqual(section, { chat: { systemPrompt: '' } });
  });
});

describe('statusBarItem', () => {
  it('shows a plain label while ready and before any status', () => {
    assert.equal(statusBarItem({ state: 'ready', message: 'ok' }).text, '$(sparkle) Codestral');
    assert.equal(statusBarItem(undefined).warning, false);
  });

  it('names trouble states, warns, and carries the message as tooltip', () => {
    const item = statusBarItem({ state: 'unauthorized', message: 'The key was refused by https://codestral.mistral.ai' });
    assert.equal(item.text, '$(key) Codestral: unauthorized');
    assert.equal(item.warning, true);
    assert.equal(item.tooltip, 'The key was refused by https://codestral.mistral.ai');
  });

  it('shows an unknown state rather than hiding it', () => {
    assert.equal(statusBarItem({ state: 'sleepy' }).text, '$(question) Codestral: sleepy');
  });
});

describe('chatParams', () => {
  it('sends one user message and the progress token', () => {
    assert.deepEqual(chatParams('hi', 't1'), { messages: [{ role: 'user', content: 'hi' }], partialResultToken: 't1' });
  });

  it('adds the selection as a fenced block with its document and range', () => {
    const params = chatParams('explain', 't2', {
      uri: 'file:///a.py',
      languageId: 'python',
      text: 'x = 1',
      start: { line: 3, character: 0 },
      end: { line: 3, character: 5 },
    });
    assert.deepEqual(params, {
      messages: [{ role: 'user', content: 'explain\n\n```python\nx = 1\n```' }],
      textDocument: { uri: 'file:///a.py' },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } },
      partialResultToken: 't2',
    });
  });
});

describe('chatErrorText', () => {
  it('explains method-not-found as a server without chat', () => {
    assert.match(chatErrorText({ code: -32601, message: 'Unhandled method codestral/chat' }), /no codestral\/chat yet/);
  });

  it('passes other messages through', () => {
    assert.equal(chatErrorText(new Error('boom')), 'boom');
  });
});
