// Compiles the @vscode/test-electron suite (test/electron) to test/electron/out, as VS Code loads it.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode', '@vscode/test-electron'], logLevel: 'warning' };
await build({ ...common, entryPoints: ['test/electron/run.ts'], outfile: 'test/electron/out/run.js' });
await build({ ...common, entryPoints: ['test/electron/suite/index.ts'], outfile: 'test/electron/out/suite/index.js' });
