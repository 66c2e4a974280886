/**
 * The card transactions that the verify tests load and then compare, on the local engine and on Athena:
 * 3 partitions of 400 rows (more than a bucket of 256, so that tier 2 has to split a partition to find its
 * rows), a decimal, a padded CHAR, a date from text and a hashed card number.
 */
import type { RowDifference } from '../../server/src/ops/verify-rows';

/** The spec's columns, under `columns:`; each test writes the header (its load mode, its storage). */
export const cardTxnColumns = `columns:
  - { name: txn_id, oracle: NUMBER(12), nullable: false }
  - { name: base_dt, oracle: DATE, type: date }
  - { name: amt, oracle: "NUMBER(15,2)" }
  - { name: grade_cd, oracle: CHAR(3), cleansing: [rtrim] }
  - { name: aprv_dt, oracle: VARCHAR2(8), type: date, cleansing: [{ to_date: YYYYMMDD }] }
  - { name: card_no, oracle: VARCHAR2(16), pii: card_no, encrypt: sha256 }
`;

const days = ['2024-01-01', '2024-01-02', '2024-01-03'];
const amt = (id: number) => ((id * 37) % 100000) / 100;
/** The card number of transaction `id`, as the extract holds it. */
export const cardNo = (id: number) => String(4000_0000_0000_0000 + id * 7919);

/** The extract: 1,200 rows. */
export function cardTxnCsv(): string {
  const lines = ['TXN_ID,BASE_DT,AMT,GRADE_CD,APRV_DT,CARD_NO'];
  for (let id = 1; id <= 1200; id++) {
    const day = days[Math.floor((id - 1) / 400)]!;
    lines.push(`${id},${day},${amt(id).toFixed(2)},${['A  ', 'B  ', 'VIP'][id % 3]},${day.slice(0, 8).replace(/-/g, '')}${String((id % 28) + 1).padStart(2, '0')},${cardNo(id)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Differing rows as `key kind column+column`, sorted: what the tests compare. */
export const keyed = (rows: RowDifference[]) => rows.map((r) => `${Object.values(r.key ?? {}).join(',')} ${r.kind} ${r.columns.map((c) => c.column).join('+')}`).sort();
