/**
 * Expectations written in the fixtures themselves, as YAML comments under the line they point at:
 *
 *     oracle: NUMBER(39)
 *     # expect: error oracle-type-limit "39"
 *
 * The range is the first occurrence of the quoted text in the nearest line above that is not an
 * expectation (`"39"@2` for the second occurrence). A fixture's problems must equal its expectations:
 * nothing missing, nothing extra.
 */
import { LineIndex } from '../../server/src/core/line-index';
import type { Problem } from '../../server/src/core/problem';

const marker = /^\s*# expect: (error|warning|info|hint) ([a-z0-9-]+) "((?:[^"\\]|\\.)*)"(?:@(\d+))?\s*$/;

export function expectedProblems(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = marker.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const needle = JSON.parse(`"${m[3]}"`) as string;
    const nth = Number(m[4] ?? 1);
    let col = -1;
    for (let k = 0; k < nth; k++) col = lines[target]!.indexOf(needle, col + 1);
    if (col < 0) throw new Error(`line ${i + 1}: "${needle}" is not in line ${target + 1}`);
    out.push(`${target + 1}:${col + 1}-${target + 1}:${col + 1 + needle.length} ${m[1]} ${m[2]}`);
  });
  return out.sort();
}

export function actualProblems(text: string, problems: Problem[]): string[] {
  const index = new LineIndex(text);
  return problems
    .map((p) => {
      const s = index.position(p.start);
      const e = index.position(p.end);
      return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${p.severity} ${p.code}`;
    })
    .sort();
}
