/**
 * The Oracle password and host: only TABLESPEC_ variables (or the editor's secret storage) hold the
 * password, and the host a workspace names is connected to only once confirmed. A local TCP listener
 * stands in for the host and counts the connections that reach it: a refusal must reach none.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { OperationError } from '../../server/src/backends/errors';
import { readWorkspaceConfig } from '../../server/src/config/workspace-config';
import { liveWorkspaceHost, type OracleAccessRequest } from '../../server/src/lsp/live-sources';
import { openWorkspace } from '../../server/src/workspace/workspace';
import { connectOracle } from '../../server/src/backends/oracle/live-oracle';
import { isPasswordEnvAllowed, oracleAccessKeys, oracleHost, requireHostConfirmation } from '../../server/src/backends/oracle/oracle-access';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { workspaceFileService } from '../../server/src/lsp/workspace-file';
import { tempWorkspace } from '../helpers/temp-workspace';

describe('Oracle password and host', () => {
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];
  before(async () => {
    server = createServer((s) => {
      sockets.push(s);
      s.destroy(); // the driver fails at once: no Oracle here, only a witness
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  const until = async (what: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    return what();
  };

  it('only TABLESPEC_ variables may hold the password; the default is TABLESPEC_ORACLE_PASSWORD', () => {
    assert.deepEqual(['TABLESPEC_ORACLE_PASSWORD', 'TABLESPEC_X1', 'TABLESPEC_', 'AWS_SECRET_ACCESS_KEY', 'ORACLE_PASSWORD', 'tablespec_x'].map(isPasswordEnvAllowed), [
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    assert.equal(readWorkspaceConfig('oracle:\n  connect_string: db:1521/X\n  user: etl\n').oracle?.passwordEnv, 'TABLESPEC_ORACLE_PASSWORD');
  });

  it('tablespec.yaml naming another variable gets a problem on it in the editor', async () => {
    const text = 'oracle:\n  connect_string: db:1521/X\n  user: etl\n  password_env: AWS_SECRET_ACCESS_KEY\n';
    const ds = await workspaceFileService().doValidation(TextDocument.create('file:///w/tablespec.yaml', 'yaml', 1, text), false);
    assert.deepEqual(
      ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message.split(' (')[0]}`),
      ['4:17 Only a TABLESPEC_ variable may hold the Oracle password'],
    );
    const fine = await workspaceFileService().doValidation(TextDocument.create('file:///w2/tablespec.yaml', 'yaml', 2, text.replace('AWS_SECRET_ACCESS_KEY', 'TABLESPEC_ORACLE_PASSWORD')), false);
    assert.deepEqual(fine, []);
  });

  it('a workspace naming another variable (the AWS secret key) sends nothing anywhere', async () => {
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    try {
      const before = sockets.length;
      await assert.rejects(
        connectOracle({ connectString: `127.0.0.1:${port}/CARDDB`, user: 'etl', passwordEnv: 'AWS_SECRET_ACCESS_KEY' }),
        (e: OperationError) =>
          e.kind === 'invalid-spec' && /^`oracle\.password_env` names AWS_SECRET_ACCESS_KEY: only variables whose name starts with TABLESPEC_ /.test(e.message) && !e.message.includes('EXAMPLEKEY'),
      );
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(sockets.length, before);
    } finally {
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  it('reads the host of a connect string', () => {
    assert.deepEqual(
      [
        'card-db.internal:1521/CARDDB',
        '//Card-DB:1521/X',
        'db/X',
        '[::1]:1521/X',
        'tcps://db.example.com:2484/X',
        '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=ora.example.com)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=X)))',
      ].map(oracleHost),
      ['card-db.internal', 'card-db', 'db', '::1', 'db.example.com', 'ora.example.com'],
    );
  });

  it('an answer of the editor holds for one Oracle user, whatever the case it is written in', () => {
    assert.deepEqual(oracleAccessKeys('/w', 'card-db', 'ETL'), { approval: '/w|card-db|etl', credential: 'card-db|etl' });
    assert.deepEqual(oracleAccessKeys('/w', 'card-db', 'etl'), oracleAccessKeys('/w', 'card-db', 'Etl'));
    assert.notDeepEqual(oracleAccessKeys('/w', 'card-db', 'etl').approval, oracleAccessKeys('/v', 'card-db', 'etl').approval);
  });

  it('on the command line, the host needs --yes or TABLESPEC_ORACLE_HOSTS', () => {
    const target = { connectString: 'evil.example.com:1521/X', user: 'etl' };
    assert.throws(
      () => requireHostConfirmation(target, false, {}),
      (e: OperationError) => e.kind === 'needs-confirmation' && /at evil\.example\.com as etl/.test(e.message) && /--yes/.test(e.message),
    );
    assert.throws(
      () => requireHostConfirmation(target, false, { TABLESPEC_ORACLE_HOSTS: 'card-db, other' }),
      (e: OperationError) => e.kind === 'needs-confirmation',
    );
    requireHostConfirmation(target, true, {});
    requireHostConfirmation(target, false, { TABLESPEC_ORACLE_HOSTS: 'card-db, EVIL.example.com' });
  });

  it('in the editor, asks with host and user first: declined, nothing connects; confirmed, the password from secret storage goes to the host', async () => {
    const ws = tempWorkspace({ 'tablespec.yaml': `oracle:\n  connect_string: 127.0.0.1:${port}/CARDDB\n  user: etl\n  password_env: AWS_SECRET_ACCESS_KEY\n` });
    try {
      for (const approved of [false, true]) {
        const asked: OracleAccessRequest[] = [];
        const logged: string[] = [];
        const host = liveWorkspaceHost({
          openText: () => undefined,
          warn: () => undefined,
          log: (m) => logged.push(m),
          changed: () => undefined,
          oracleAccess: async (r) => (asked.push(r), approved ? { approved, password: 'from-secret-storage' } : { approved }),
        });
        const workspace = openWorkspace(ws.root, { host });
        const before = sockets.length;
        assert.equal(workspace.dictionary()!.lookup('CARD.T'), 'unknown');
        assert.ok(await until(() => logged.length > 0), 'the attempt ends with a line in the log');
        assert.deepEqual(asked, [
          {
            folder: ws.root,
            host: '127.0.0.1',
            user: 'etl',
            connectString: `127.0.0.1:${port}/CARDDB`,
            passwordEnv: 'AWS_SECRET_ACCESS_KEY',
            envHasPassword: false,
            approval: `${ws.root}|127.0.0.1|etl`,
            credential: '127.0.0.1|etl',
          },
        ]);
        if (approved) assert.equal(sockets.length, before + 1);
        else {
          assert.equal(sockets.length, before);
          assert.match(logged[0]!, /^Oracle 127\.0\.0\.1: Not connected to Oracle at 127\.0\.0\.1: the connection was not confirmed\.$/);
        }
      }
    } finally {
      ws.remove();
    }
  });
});
