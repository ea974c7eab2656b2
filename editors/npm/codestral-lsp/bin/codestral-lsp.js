#!/usr/bin/env node
// Starts the codestral-lsp distribution that the platform's optional dependency carries
// (@codestral-lsp/<os>-<arch>: a Java runtime, the jar and the launcher), with this process's
// stdin, stdout and stderr, and ends with its exit code.
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const os = { linux: 'linux', darwin: 'macos', win32: 'windows' }[process.platform];
const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
const platformPackage = `@codestral-lsp/${os}-${arch}`;
let root;
try {
  root = path.dirname(require.resolve(`${platformPackage}/package.json`));
} catch {
  process.stderr.write(
    `codestral-lsp: ${platformPackage} is not installed (no build for ${process.platform}-${process.arch}, ` +
      'or npm skipped optional dependencies): reinstall without --omit=optional\n',
  );
  process.exit(1);
}
const launcher = path.join(root, 'bin', process.platform === 'win32' ? 'codestral-lsp.cmd' : 'codestral-lsp');
const child = spawn(launcher, process.argv.slice(2), { stdio: 'inherit', shell: process.platform === 'win32' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  process.stderr.write(`codestral-lsp: cannot start ${launcher}: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
