/** The language server in Korean, as the extension starts it for a Korean VS Code (`locale: 'ko'`). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';

const spec = `table: card_account
kind: source
source: { object: CARD.CARD_ACCOUNT }
load:
  mode: upsert
  keys: [acct_id]
columns:
  - name: acct_id
    oracle: NUMBER(12)
    nullable: false
  - name: card_no
    oracle: VARCHAR2(16)
  - name: open_dt
    oracle: NUMBER(39)
  - name: cust_nm
    oracle: VARCHAR2(50)
    cleansing: [trimm]
`;

describe('language server in Korean', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n' });
  const uri = uriOf(ws.path('card_account.table.yaml'));
  let client: LspClient;

  before(async () => {
    client = new LspClient();
    await client.initialize(ws.root, { trusted: true, locale: 'ko' });
    await client.open(uri, spec);
  });

  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('reports the problems in Korean, with the same codes and ranges', async () => {
    const ds = await client.diagnosticsFor(uri);
    assert.deepEqual(
      ds.map((d) => [d.range.start.line + 1, d.code, d.message]),
      [
        [
          11,
          'pii-not-encrypted',
          '`card_no`은(는) 카드번호(으)로 보여 저장 시 암호화해야 합니다 (개인정보 보호법, 안전성 확보조치 기준 §7). `encrypt`를 설정하거나, 개인정보가 아니면 `pii: none`으로 표시하세요.',
        ],
        [14, 'oracle-type-limit', 'NUMBER 정밀도은(는) 1~38이어야 합니다. 현재 값: 39.'],
        [
          15,
          'personal-data-not-encrypted',
          '`cust_nm`은(는) 성명(으)로 보입니다. 대부분의 정책은 이를 암호화하거나 마스킹합니다. `encrypt`를 검토하거나, 개인정보가 아니면 `pii: none`으로 표시하세요.',
        ],
        [
          17,
          'cleansing-unknown',
          '알 수 없는 정제 규칙 `trimm`입니다. `trim`을(를) 뜻하셨나요? 규칙: trim, rtrim, ltrim, empty_to_null, remove_control_chars, upper, lower, null_if, default, to_number, to_date, to_timestamp.',
        ],
      ],
    );
  });

  it('titles the quick fixes in Korean', async () => {
    const ds = await client.diagnosticsFor(uri);
    const titles = async (code: string) => {
      const d = ds.find((x) => x.code === code)!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      return actions.map((a) => a.title);
    };
    assert.deepEqual(await titles('cleansing-unknown'), ['`trim`(으)로 바꾸기']);
    assert.deepEqual(await titles('pii-not-encrypted'), ['`pii: card_no`, `encrypt: sha256`로 표시', '개인정보 아님으로 표시 (`pii: none`)']);
  });

  it('explains a type on hover in Korean', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 14 } });
    // `~` escaped: Markdown would strike `~38자리, 스케일 -84~` through.
    assert.equal(
      (h.contents as { value: string }).value,
      '**NUMBER(12)** → **bigint**\n\nNUMBER(12)은(는) 최대 12자리입니다: bigint(18자리)에 담깁니다.\n\nNUMBER 정밀도 1\\~38자리, 스케일 -84\\~127.',
    );
  });

  it('escapes the Markdown characters of the text in a hover, code spans kept', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 13, character: 14 } });
    const value = (h.contents as { value: string }).value;
    assert.equal(value, '**NUMBER(39)**: 올바른 Oracle 타입이 아닙니다.\n\nNUMBER 정밀도은(는) 1\\~38이어야 합니다. 현재 값: 39.');
    const key = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 11 } });
    const text = (key.contents as { value: string }).value;
    assert.ok(!/(^|[^\\])~/.test(text.replace(/`[^`]*`/g, '')), text);
    assert.match(text, /1\\~128자/);
  });

  it('checks tablespec.yaml with yaml-language-server, in its own Korean', async () => {
    const wsUri = uriOf(ws.path('tablespec.yaml'));
    await client.open(wsUri, 'defaults:\n  databse: card_dw\n');
    const ds = await client.diagnosticsFor(wsUri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      ds.map((d) => d.message),
      ['속성 databse은(는) 허용되지 않습니다.'],
    );
  });
});

describe('operations in Korean', () => {
  const branch = 'table: branch\nkind: source\nsource: { object: CARD.BRANCH }\nload: { mode: overwrite }\ncolumns:\n  - { name: brnch_cd, oracle: CHAR(4), nullable: false, cleansing: [rtrim] }\n';
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'specs/branch.table.yaml': branch, 'data/branch.csv': 'BRNCH_CD\n0001\n' });
  let client: LspClient;
  const uri = uriOf(ws.path('specs/branch.table.yaml'));
  const run = (command: string, args: Record<string, unknown> = {}) => client.request<{ text: string }>('workspace/executeCommand', { command, arguments: [{ uri, ...args }] });

  before(async () => {
    client = new LspClient();
    await client.initialize(ws.root, { trusted: true, locale: 'ko-KR' });
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('writes the plan, the confirmation and the load summary in Korean', async () => {
    assert.equal(((await run('tablespec.server.planText')) as unknown as { detail: string }).detail, '✓ create-table card_dw.branch: iceberg 테이블 생성 (컬럼 1개)');
    await run('tablespec.server.deploy');
    await assert.rejects(run('tablespec.server.load'), (e: { message: string; data: { kind: string; ask?: unknown } }) => {
      assert.equal(e.data.kind, 'needs-confirmation');
      assert.equal(e.message, '다음 작업을 합니다:\n  - card_dw.branch의 모든 행 교체\n--yes로 확인하세요.');
      // The editor asks without the command-line flag.
      assert.deepEqual(e.data.ask, { prompt: '다음 작업을 합니다:\n  - card_dw.branch의 모든 행 교체' });
      return true;
    });
    const load = await run('tablespec.server.load', { confirmation: { yes: true } });
    assert.equal(load.text.split('\n')[0], 'card_dw.branch (local, overwrite): 0 → 1행 (스테이징 1행)');
  });
});
