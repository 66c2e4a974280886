/** A realistic wide spec for benchmarks: a card-company table with n columns of mixed types. */
export function makeSpec(columns: number): string {
  const kinds = [
    (i: number) => `  - name: amt_${i}\n    oracle: NUMBER(15,2)\n    comment: 금액 ${i}\n`,
    (i: number) => `  - name: cd_${i}\n    oracle: CHAR(3)\n    cleansing: [rtrim, empty_to_null]\n    comment: 코드 ${i}\n`,
    (i: number) => `  - name: nm_${i}\n    oracle: VARCHAR2(100 CHAR)\n    cleansing: [trim, remove_control_chars]\n`,
    (i: number) => `  - name: dt_${i}\n    oracle: DATE\n    comment: 일자 ${i}\n`,
    (i: number) => `  - name: no_${i}\n    oracle: NUMBER(12)\n    nullable: false\n`,
    (i: number) => `  - name: tms_${i}\n    oracle: TIMESTAMP(3)\n`,
    (i: number) => `  - name: card_no_${i}\n    oracle: VARCHAR2(16)\n    pii: card_no\n    encrypt: sha256\n`,
  ];
  let text = `table: wide_table\ndatabase: card_dw\nkind: source\ndescription: 벤치마크용 넓은 테이블\nsource:\n  object: CARD.WIDE_TABLE\n  size_gb: 50\nload:\n  mode: upsert\n  keys: [no_4]\n  partition_by: [dt_3]\n  incremental_by: dt_3\ncolumns:\n`;
  for (let i = 0; i < columns; i++) text += kinds[i % kinds.length]!(i);
  return text;
}

/** The offset of the Oracle type in the middle column, where the benchmark types. */
export function typingSpot(text: string, columns: number): number {
  const mid = Math.floor(columns / 2) - (Math.floor(columns / 2) % 7); // an `amt_` column
  const at = text.indexOf(`name: amt_${mid}\n`);
  return text.indexOf('NUMBER(15', at) + 'NUMBER(15'.length;
}

/** The end of the middle column's comment, where the benchmark types a word, one character after another. */
export function commentSpot(text: string, columns: number): number {
  const mid = Math.floor(columns / 2) - (Math.floor(columns / 2) % 7); // an `amt_` column
  const at = text.indexOf(`name: amt_${mid}\n`);
  return text.indexOf('\n', text.indexOf('comment: ', at));
}
