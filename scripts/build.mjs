// Bundles the language server, the command-line checker and the client with esbuild.
// `node scripts/build.mjs --watch` rebuilds on change.
import { build, context } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// --production: minified, without source maps (the VSIX); otherwise readable, with maps.
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { TABLESPEC_VERSION: JSON.stringify(version) },
  // DuckDB is a native addon, oracledb an optional dependency: both load from node_modules at run time.
  external: ['vscode', '@duckdb/*', 'oracledb'],
  // prettier is yaml-language-server's formatter, which TableSpec never uses: a stub takes its place.
  alias: { 'prettier/standalone': './scripts/prettier-stub.cjs', 'prettier/plugins/yaml': './scripts/prettier-stub.cjs', 'prettier/plugins/estree': './scripts/prettier-stub.cjs' },
  // jsonc-parser's UMD build requires files by computed paths that a bundle cannot follow: take the ES modules.
  mainFields: ['module', 'main'],
};
const targets = [
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'server/out/main.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The threads of `tablespec check` on a large workspace (server/src/workspace/check-parallel.ts).
  { ...common, entryPoints: ['server/src/workspace/check-worker.ts'], outfile: 'server/out/check-worker.js' },
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
  // The results page: a browser bundle (Tabulator, Chart.js and the page's CSS), loaded by the webview.
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
    entryPoints: ['webview/src/main.ts'],
    outfile: 'client/out/webview/main.js',
  },
];

if (process.argv.includes('--watch')) {
  for (const t of targets) await (await context(t)).watch();
} else {
  await Promise.all(targets.map((t) => build(t)));
  if (production) assertAscii(['server/out/main.js', 'server/out/cli.js', 'server/out/check-worker.js']);
}

// V8 keeps a script's source for as long as the script lives, at one byte per character when it is all
// ASCII and two otherwise: one Korean character made the language server's source 6.8 MB instead of 3.4 MB,
// in each of its threads. esbuild writes non-ASCII strings as \u escapes, but not in comments or regular
// expression literals: build those from strings.
function assertAscii(files) {
  for (const file of files) {
    const at = readFileSync(file).findIndex((byte) => byte > 0x7f);
    if (at >= 0) {
      console.error(`${file}: not ASCII at offset ${at} (${JSON.stringify(readFileSync(file, 'utf8').slice(Math.max(0, at - 60), at + 20))}): write the character as an escape in a string.`);
      process.exit(1);
    }
  }
}
