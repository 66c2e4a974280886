/**
 * Rejected values: a bounded sample of the extract's rows holding a value that did not convert, kept by a
 * load so that an engineer sees what failed. Personal columns are never read in clear: only their length.
 */

/** The most rows of rejected values a load keeps. */
export const rejectedRowsLimit = 100;

/** A sample of the extract's rows holding a value that did not convert. */
export interface RejectedRows {
  /** The spec's columns, in its order. */
  columns: string[];
  /** Personal columns (pii, encrypt): shown as `<n chars>`, never in clear. */
  masked: string[];
  limit: number;
  /** `row`: the row's number in the extract (the local engine; Athena reads its files in no fixed order). */
  rows: { row?: number; values: Record<string, string | null>; failed: string[] }[];
}

/** The sample's rows from the engine's answer (`row__`, `raw__c` or `len__c`, `failed__c`). */
export function rejectedRows(columns: { name: string; personal: boolean }[], rows: Record<string, unknown>[], limit: number): RejectedRows {
  return {
    columns: columns.map((c) => c.name),
    masked: columns.filter((c) => c.personal).map((c) => c.name),
    limit,
    rows: rows.map((r) => ({
      ...(r.row__ !== undefined && r.row__ !== null ? { row: Number(r.row__) } : {}),
      values: Object.fromEntries(
        columns.map((c) => {
          const v = c.personal ? r[`len__${c.name}`] : r[`raw__${c.name}`];
          return [c.name, v === null || v === undefined ? null : c.personal ? `<${Number(v)} chars>` : String(v)];
        }),
      ),
      // Athena's results are text: its booleans arrive as 'true'.
      failed: columns.filter((c) => r[`failed__${c.name}`] === true || r[`failed__${c.name}`] === 'true').map((c) => c.name),
    })),
  };
}
