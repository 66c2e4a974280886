/**
 * A realistic workspace for the scale benchmark: card-company source specs like
 * examples/card-dw/specs, with comments, cleansing rules, personal-data columns (protected), load
 * settings, and joins from some specs to others. 1,000 specs of 60 columns come to about 4 MB.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const subjects = ['card_aprv', 'cust_acct', 'mrch_stl', 'loan_cntr', 'pnt_hist', 'bill_stmt', 'card_issu', 'dlq_hist'];
const words = ['승인', '고객', '가맹점', '정산', '대출', '포인트', '청구', '연체', '금액', '일자', '코드', '여부'];

/** One column of a generated spec; `i` picks the kind, `t` the table (so that specs differ). */
function column(i: number, t: number): string {
  const w = words[(i + t) % words.length]!;
  switch (i % 10) {
    case 0:
      return `  - name: amt_${i}\n    oracle: NUMBER(15,2)\n    comment: ${w} 금액 ${i}\n`;
    case 1:
      return `  - name: cd_${i}\n    oracle: CHAR(3)\n    cleansing: [rtrim, empty_to_null]\n`;
    case 2:
      return `  - name: nm_${i}\n    oracle: VARCHAR2(100 CHAR)\n    cleansing: [trim, remove_control_chars]\n`;
    case 3:
      return `  - name: dt_${i}\n    oracle: DATE\n`;
    case 4:
      return `  - name: no_${i}\n    oracle: NUMBER(12)\n    nullable: false\n`;
    case 5:
      return `  - name: tms_${i}\n    oracle: TIMESTAMP(3)\n`;
    case 6:
      return `  - name: yn_${i}\n    oracle: CHAR(1)\n    cleansing: [{ null_if: ['-', ''] }]\n`;
    case 7:
      return `  - name: rt_${i}\n    oracle: NUMBER(7,4)\n`;
    case 8:
      return `  - name: cnt_${i}\n    oracle: NUMBER(9)\n`;
    default:
      return `  - name: desc_${i}\n    oracle: VARCHAR2(400)\n    cleansing: [trim]\n    comment: ${w} 내용\n`;
  }
}

/** The name of the t-th generated table. */
export function tableName(t: number): string {
  return `${subjects[t % subjects.length]}_${String(t).padStart(4, '0')}`;
}

/**
 * The text of the t-th spec: the key and personal-data columns first (cust_no, card_no, a name,
 * a resident number), then `columns - 5` generated ones, then a base date. Every fourth spec joins
 * the one before it on cust_no; one in fifty has a mistake the checks report.
 */
export function makeWorkspaceSpec(t: number, columns = 60): string {
  const name = tableName(t);
  let text = `# ${words[t % words.length]} 원장 ${t}: generated for the workspace benchmark.\n`;
  text += `table: ${name}\nkind: source\ndescription: ${words[t % words.length]} ${words[(t + 3) % words.length]} 테이블 ${t}\n`;
  text += `source:\n  object: CARD.${name.toUpperCase()}\n  size_gb: ${(t % 40) + 1}\n`;
  text += `load:\n  mode: upsert\n  keys: [cust_no]\n  partition_by: [base_dt]\n  incremental_by: base_dt\n`;
  text += 'columns:\n';
  text += `  - name: cust_no\n    oracle: NUMBER(12)\n    nullable: false\n    comment: 고객번호\n`;
  text += `  - name: card_no\n    oracle: VARCHAR2(16)\n    pii: card_no\n    encrypt: sha256\n    comment: 카드번호\n`;
  text += `  - name: cust_nm\n    oracle: VARCHAR2(100 CHAR)\n    cleansing: [trim, empty_to_null]\n    pii: name\n    encrypt: sha256\n    comment: 고객명\n`;
  // One in fifty specs forgets to protect a resident number: the checks have something to say.
  text +=
    t % 50 === 7
      ? `  - name: rrno\n    oracle: CHAR(13)\n    comment: 주민등록번호\n`
      : `  - name: rrno\n    oracle: CHAR(13)\n    cleansing: [rtrim]\n    pii: rrn\n    encrypt: sha256\n    comment: 주민등록번호\n`;
  for (let i = 4; i < columns - 1; i++) text += column(i, t);
  text += `  - name: base_dt\n    oracle: DATE\n    nullable: false\n    comment: 기준일자\n`;
  if (t % 4 === 1) text += `joins:\n  - table: card_dw.${tableName(t - 1)}\n    on: [cust_no]\n`;
  return text;
}

export const workspaceConfig = `# Workspace settings for the benchmark. Secrets never live here.
defaults:
  database: card_dw
  storage: { format: iceberg }
  encrypt: sha256
oracle:
  max_string_size: standard
environments:
  local:
    engine: duckdb
    database_file: .tablespec/local.duckdb
    staging: data/{table}.csv
`;

/** Writes a workspace of `specs` specs (in specs/<subject>/) under a new temp folder; returns its path. */
export function makeWorkspace(specs: number, columns = 60): string {
  const root = mkdtempSync(join(tmpdir(), 'tablespec-bench-'));
  writeFileSync(join(root, 'tablespec.yaml'), workspaceConfig);
  for (let t = 0; t < specs; t++) {
    const dir = join(root, 'specs', subjects[t % subjects.length]!);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${tableName(t)}.table.yaml`), makeWorkspaceSpec(t, columns));
  }
  return root;
}
