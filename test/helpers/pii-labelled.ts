/** The labelled column list and its scoring, shared by `npm run pii:eval` and the unit test. */
import { detectColumn } from '../../server/src/rules/detect-pii';

export interface LabelledRow {
  kind: string;
  name: string;
  source?: string;
  comment?: string;
  group: string;
}

export function readLabelled(text: string): LabelledRow[] {
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const field = (v: string | undefined) => (v === undefined || v === '-' || v === '' ? undefined : v);
  return lines.slice(1).map((l) => {
    const [kind, name, source, comment, group] = l.split('\t');
    const row: LabelledRow = { kind: kind!, name: name!, group: group ?? '' };
    if (field(source)) row.source = source;
    if (field(comment)) row.comment = comment;
    return row;
  });
}

export function evaluatePii(rows: LabelledRow[]) {
  const kinds = new Map<string, { labelled: number; reported: number; correct: number }>();
  const slot = (k: string) => kinds.get(k) ?? (kinds.set(k, { labelled: 0, reported: 0, correct: 0 }), kinds.get(k)!);
  let positives = 0,
    reportedAny = 0,
    correctAny = 0,
    correctKind = 0,
    traps = 0;
  const mistakes: { row: LabelledRow; expected: string; got: string }[] = [];
  const trapAlarms: LabelledRow[] = [];
  for (const row of rows) {
    const got = detectColumn(row.name, row.source, row.comment)?.kind ?? 'none';
    const positive = row.kind !== 'none';
    if (row.group.startsWith('trap-')) traps++;
    if (positive) {
      positives++;
      slot(row.kind).labelled++;
    }
    if (got !== 'none') {
      reportedAny++;
      slot(got).reported++;
      if (positive) correctAny++;
      if (got === row.kind) {
        correctKind++;
        slot(got).correct++;
      }
    }
    if (got !== row.kind) mistakes.push({ row, expected: row.kind, got });
    if (got !== 'none' && row.group.startsWith('trap-')) trapAlarms.push(row);
  }
  return {
    positives,
    traps,
    reportedAny,
    correctAny,
    correctKind,
    precisionAny: correctAny / reportedAny,
    recallAny: correctAny / positives,
    precisionKind: correctKind / reportedAny,
    recallKind: correctKind / positives,
    kinds: [...kinds].map(([kind, k]) => ({ kind, ...k, precision: k.correct / k.reported, recall: k.correct / k.labelled })),
    mistakes,
    trapAlarms,
  };
}
