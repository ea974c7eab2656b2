// Writes the server's settings into package.json's contributes.configuration, from the server's
// own list (`codestral-lsp settings`), keeping the extension's own `codestral.server.*` first.
// Usage: node scripts/sync-settings.mjs [path/to/codestral-lsp.jar]
// The server's SettingsSchemaTest fails when package.json and the server disagree.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const jar = process.argv[2] ?? join(here, '..', '..', '..', 'server', 'target', 'codestral-lsp.jar');
const packagePath = join(here, '..', 'package.json');
const generated = JSON.parse(execFileSync('java', ['-jar', jar, 'settings'], { encoding: 'utf8' }));
const manifest = JSON.parse(readFileSync(packagePath, 'utf8'));
const properties = manifest.contributes.configuration.properties;
const clientOnly = Object.fromEntries(Object.entries(properties).filter(([name]) => name.startsWith('codestral.server.')));
manifest.contributes.configuration.properties = { ...clientOnly, ...generated };
writeFileSync(packagePath, JSON.stringify(manifest, null, 2) + '\n');
console.log(`package.json: ${Object.keys(generated).length} server settings written`);
