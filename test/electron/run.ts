/**
 * The same scenarios as test/e2e, under @vscode/test-electron: for machines that can download VS Code
 * (a laptop, public CI). These machines cannot (no network but the registries), so this suite does not run
 * here; `npm run test:electron` runs it elsewhere.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const extensionDevelopmentPath = resolve(__dirname, '..', '..', '..'); // from test/electron/out
  const workspace = mkdtempSync(join(tmpdir(), 'tablespec-electron-'));
  cpSync(join(extensionDevelopmentPath, 'examples', 'card-dw'), workspace, { recursive: true });
  await runTests({
    extensionDevelopmentPath,
    extensionTestsPath: resolve(__dirname, 'suite', 'index.js'), // test/electron/out/suite
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { TABLESPEC_HASH_SALT: 'electron-salt-0123456789' },
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
