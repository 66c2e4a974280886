// The walls between the layers (docs/architecture.md): dependency-cruiser's cruise() over server/src, client/src
// and webview/src with the rules of .dependency-cruiser.cjs. `npm run walls` prints each violation and exits 1
// when there is one; test/unit/walls.test.ts runs the same check in the suite.
//
// dependency-cruiser 18 reads TypeScript through the TypeScript compiler's API (typescript >=2 <7), which
// TypeScript 7, the project's compiler, no longer has. So it is handed a compiler before 7 from node_modules
// (`typescript-for-walls` when the project declares one, else one that another package brought), for its
// `import('typescript')` (a module hook) and for its version check (`require`). Without one, it would cruise no
// TypeScript at all and find nothing: that is an error here, never a pass.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Module, { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const major = (dir) => Number(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version.split('.')[0]);

/** A TypeScript compiler with the API dependency-cruiser reads (before 7), from node_modules. */
function olderTypescript() {
  const modules = join(root, 'node_modules');
  const candidates = [join(modules, 'typescript-for-walls')];
  for (const name of readdirSync(modules)) {
    const scoped = name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => join(modules, name, n)) : [join(modules, name)];
    for (const dir of scoped) candidates.push(join(dir, 'node_modules', 'typescript'));
  }
  const usable = candidates.filter((dir) => existsSync(join(dir, 'package.json')) && major(dir) >= 4 && major(dir) < 7).sort((a, b) => major(b) - major(a));
  if (!usable.length) throw new Error('The wall check needs a TypeScript compiler before 7 for dependency-cruiser: add `"typescript-for-walls": "npm:typescript@^5"` to devDependencies.');
  return usable[0];
}

let cruiser;
/** dependency-cruiser, loaded once with the older compiler in place of `typescript`. */
async function loadCruiser() {
  if (cruiser) return cruiser;
  const typescript = olderTypescript();
  register('./walls-typescript-hook.mjs', import.meta.url, { data: { typescript: pathToFileURL(join(typescript, 'lib', 'typescript.js')).href } });
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const mine = parent?.filename?.includes(`${'/'}dependency-cruiser${'/'}`) && (request === 'typescript' || request.startsWith('typescript/'));
    return resolve.call(this, mine ? request.replace(/^typescript/, typescript) : request, parent, ...rest);
  };
  cruiser = await import('dependency-cruiser');
  return cruiser;
}

/**
 * Cruises `files` (relative to `baseDir`) with the rules of .dependency-cruiser.cjs; answers every violation
 * as `rule: from → to`, and how many modules were read (a cruise that reads none has checked nothing).
 */
export async function checkWalls({ baseDir = root, files = ['server/src', 'client/src', 'webview/src'], tsConfig = true } = {}) {
  const { cruise } = await loadCruiser();
  const config = require(join(root, '.dependency-cruiser.cjs'));
  const { tsConfig: tsConfigOption, ...options } = config.options;
  const cwd = process.cwd();
  process.chdir(baseDir);
  try {
    const result = await cruise(
      files,
      { ...options, ...(tsConfig ? { tsConfig: tsConfigOption } : {}), baseDir, validate: true, ruleSet: { forbidden: config.forbidden } },
      undefined,
      tsConfig ? { tsConfig: { fileName: join(root, tsConfigOption.fileName) } } : undefined,
    );
    const { summary } = result.output;
    const violations = summary.violations.map((v) => `${v.rule.name}: ${v.cycle ? v.cycle.map((c) => c.name ?? c).join(' → ') : `${v.from} → ${v.to}`}`);
    return { violations, modules: summary.totalCruised };
  } finally {
    process.chdir(cwd);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  checkWalls().then(({ violations, modules }) => {
    for (const v of violations) console.error(v);
    console.log(violations.length ? `${violations.length} wall(s) broken in ${modules} modules: see docs/architecture.md.` : `The walls hold: ${modules} modules, no forbidden import, no cycle.`);
    process.exit(violations.length || modules === 0 ? 1 : 0);
  });
}
