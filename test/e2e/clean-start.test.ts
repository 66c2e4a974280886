/**
 * The README's main command, `npm start`, as a new machine runs it: it installs the editor tools into the
 * tools folder if they are missing (CI points TABLESPEC_TOOLS at an empty folder, so nothing a cache left
 * behind can make this pass), packages the VSIX, installs it into code-server and serves the example
 * workspace. The test waits for the editor to answer over HTTP and for the extension to be installed.
 * Its name sorts before editor.test.ts on purpose: node's test runner runs files in path order, and the
 * real-editor suite needs the tools this test installs.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freePort, toolsReady } from '../helpers/code-server';

const repo = join(__dirname, '..', '..');
const tools = process.env.TABLESPEC_TOOLS ?? join(homedir(), '.cache', 'tablespec-tools');
// In CI this runs from an empty tools folder; elsewhere only when the tools are already there (no
// surprise multi-minute install from `npm test` on a laptop).
const skip = !toolsReady() && !process.env.CI ? 'the editor tools are not installed: npm run setup:editor' : false;

describe('npm start', { timeout: 1_200_000 }, () => {
  it('serves the example workspace in code-server with the extension installed', { skip }, async () => {
    const port = await freePort();
    const child = spawn('npm', ['start'], { cwd: repo, env: { ...process.env, PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    try {
      const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(join(repo, 'examples', 'card-dw'))}`;
      const deadline = Date.now() + 1_100_000;
      let status = 0;
      let body = '';
      while (status !== 200) {
        if (child.exitCode !== null) assert.fail(`npm start exited with ${child.exitCode}:\n${output}`);
        if (Date.now() > deadline) assert.fail(`the editor did not answer at ${url}:\n${output}`);
        await new Promise((r) => setTimeout(r, 1000));
        if (!output.includes('TableSpec is running in code-server')) continue;
        const res = await fetch(url).catch(() => undefined);
        status = res?.status ?? 0;
        body = res ? await res.text() : '';
      }
      // The workbench page of code-server, not some other server on the port.
      assert.match(body, /vs\/code\/browser\/workbench\/workbench/);
      const node = join(tools, 'node24', 'bin', 'node');
      const entry = join(tools, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
      const listed = spawnSync(node, [entry, '--list-extensions', '--extensions-dir', join(tools, 'editor', 'extensions'), '--user-data-dir', join(tools, 'editor', 'user-data')], {
        encoding: 'utf8',
      });
      assert.equal(listed.status, 0, listed.stderr);
      assert.ok(listed.stdout.split('\n').includes('tablespec.tablespec'), listed.stdout);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    }
  });
});
