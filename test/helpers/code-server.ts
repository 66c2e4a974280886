/**
 * A real workbench for end-to-end tests: code-server (from the tools cache, see scripts/setup-editor.sh) with the
 * packaged VSIX installed, and Debian's Chromium driven by playwright-core. Everything binds to loopback.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const repo = join(__dirname, '..', '..');
const tools = process.env.TABLESPEC_TOOLS ?? join(homedir(), '.cache', 'tablespec-tools');
const node = join(tools, 'node24', 'bin', 'node');
const entry = join(tools, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const vsix = join(repo, 'tablespec-linux-x64.vsix');

export function toolsReady(): boolean {
  return existsSync(node) && existsSync(entry) && existsSync('/usr/bin/chromium');
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export interface Workbench {
  url: string;
  stop(): Promise<void>;
  log(): string;
}

/**
 * The workbench in `locale` without the Marketplace's language pack (these machines cannot download it): the
 * server's list of language packs (`languagepacks.json` in the user data folder, which it reads to resolve
 * `--locale`) names a translation file of no translations of its own. The locale then resolves, so extensions
 * run in that language (vscode.env.language) and their manifests read package.nls.<locale>.json; the
 * workbench's own words stay English.
 */
function localeWithoutPack(userData: string, locale: string): void {
  const translations = join(userData, `translations-${locale}.json`);
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(
    join(userData, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: `tablespec-tests-${locale}`,
        extensions: [{ extensionIdentifier: { id: `tablespec-tests.locale-${locale}` }, version: '0.0.1' }],
        translations: { vscode: translations },
        label: locale,
      },
    }),
  );
}

/** Starts code-server on a workspace with the VSIX installed; `trust: false` keeps Restricted Mode; `locale` runs it in that language. */
export async function startWorkbench(workspace: string, options: { trust: boolean; env?: Record<string, string>; locale?: string }): Promise<Workbench> {
  const state = mkdtempSync(join(tmpdir(), 'tablespec-e2e-'));
  const extensions = join(state, 'extensions');
  const userData = join(state, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'workbench.tips.enabled': false,
      'editor.codeLens': true,
      'workbench.enableExperiments': false,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'always',
      ...(process.env.TABLESPEC_E2E_TRACE ? { 'tablespec.trace.server': 'verbose' } : {}),
    }),
  );
  if (!toolsReady()) throw new Error(`the editor tools are not installed in ${tools}: npm run setup:editor (or npm start) first`);
  const install = spawnSync(node, [entry, '--install-extension', vsix, '--force', '--extensions-dir', extensions, '--user-data-dir', userData], { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`installing the VSIX failed: ${install.stderr}`);
  if (options.locale) localeWithoutPack(userData, options.locale);
  const port = await freePort();
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    ...(options.trust ? ['--disable-workspace-trust'] : []),
    ...(options.locale ? ['--locale', options.locale] : []),
    workspace,
  ];
  let output = '';
  const child: ChildProcess = spawn(node, args, { env: { ...process.env, ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const deadline = Date.now() + 60_000;
  while (!/HTTP server listening/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`code-server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
    log: () => output,
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Polls until `check` holds, or fails with what was last seen; never a fixed sleep. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function screenshotOnFailure(page: Page | undefined, name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    if (page) {
      mkdirSync(join(repo, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(repo, 'test-results', `${name}.png`) }).catch(() => undefined);
    }
    throw e;
  }
}

/**
 * Opens a quick input with its shortcut and types into it. A webview that takes the focus as it
 * finishes loading closes the quick input it opened over (it is inert, then hidden): open it again.
 */
export async function typeInQuickInput(page: Page, shortcut: string, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await until(`the quick input for ${JSON.stringify(text)}`, async () => {
    await page.keyboard.press(shortcut);
    try {
      await input.fill(text, { timeout: 5_000 });
      return (await input.inputValue()) === text;
    } catch {
      return false;
    }
  });
}
