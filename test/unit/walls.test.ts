/**
 * The walls between the layers (docs/architecture.md, .dependency-cruiser.cjs) hold: dependency-cruiser's
 * cruise() over the server, the client and the results page finds no forbidden import and no file cycle.
 * A probe tree with one import of each forbidden kind shows the rules catch what they are for.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain ES module of scripts/, without types
import { checkWalls } from '../../scripts/walls.mjs';

type Walls = (options?: { baseDir?: string; files?: string[]; tsConfig?: boolean }) => Promise<{ violations: string[]; modules: number }>;
const walls = checkWalls as Walls;

describe('the walls between the layers', () => {
  it('hold in the code: no forbidden import, no file cycle', async () => {
    const { violations, modules } = await walls();
    assert.deepEqual(violations, []);
    assert.ok(modules > 150, `only ${modules} modules were read: the cruise did not see the TypeScript sources`);
  });

  it('are each caught when an import crosses one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tablespec-walls-'));
    try {
      symlinkSync(join(__dirname, '..', '..', 'node_modules'), join(root, 'node_modules'), 'dir');
      const files: Record<string, string> = {
        'server/src/ops/deploy.ts': 'export type Plan = { table: string };\n',
        'server/src/sql/glue-table.ts': "import type { Plan } from '../ops/deploy';\nexport const plan: Plan = { table: 't' };\n",
        'server/src/backends/local/loader.ts': "import type { Plan } from '../../ops/deploy';\nexport const p: Plan | undefined = undefined;\n",
        'server/src/rules/check-table.ts': "import { TextDocuments } from 'vscode-languageserver/node';\nexport const d = TextDocuments;\n",
        'server/src/lsp/server.ts': "import { TextDocuments } from 'vscode-languageserver/node';\nimport { shape } from '../protocol/commands';\nexport const d = [TextDocuments, shape];\n",
        'server/src/protocol/commands.ts': "export const shape = { kind: 'string' };\n",
        'server/src/protocol/errors.ts': "import { plan } from '../sql/glue-table';\nexport const p = plan;\n",
        'server/src/cli/report-command.ts': "import { shape } from '../protocol/commands';\nexport const s = shape;\n",
        'server/src/document/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
        'server/src/document/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
        'client/src/commands.ts': "import { shape } from '../../server/src/protocol/commands';\nimport { plan } from '../../server/src/sql/glue-table';\nexport const c = [shape, plan];\n",
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      const { violations } = await walls({ baseDir: root, files: ['server/src', 'client/src'], tsConfig: false });
      assert.deepEqual(violations.sort(), [
        'backends-call-no-operations: server/src/backends/local/loader.ts → server/src/ops/deploy.ts',
        'core-looks-down: server/src/sql/glue-table.ts → server/src/ops/deploy.ts',
        'editors-import-only-the-protocol: client/src/commands.ts → server/src/sql/glue-table.ts',
        'no-circular: server/src/document/b.ts → server/src/document/a.ts',
        'only-lsp-speaks-lsp: server/src/rules/check-table.ts → vscode-languageserver/node',
        'protocol-for-the-wire: server/src/cli/report-command.ts → server/src/protocol/commands.ts',
        'protocol-is-a-leaf: server/src/protocol/errors.ts → server/src/sql/glue-table.ts',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
