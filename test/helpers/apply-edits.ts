import type { OffsetEdit } from '../../server/src/core/problem';

/** Applies non-overlapping edits, last first so that earlier offsets stay valid. */
export function applyEdits(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
