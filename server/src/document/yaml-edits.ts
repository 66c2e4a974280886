/** Text edits that add keys and list items to YAML in the style already used there (block or flow). */
import type { OffsetEdit } from '../core/problem';
import type { YMap, YNode, YSeq } from './yaml-node';

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function endOfContent(map: YMap): number {
  const last = map.pairs[map.pairs.length - 1];
  if (!last) return map.end;
  return last.value ? last.value.end : last.key.end + 1;
}

/** Adds `key: value` entries to a mapping, after its last entry, as one edit. */
export function addKeys(text: string, map: YMap, entries: [string, string][]): OffsetEdit {
  if (map.flow) {
    const at = map.pairs.length ? endOfContent(map) : text.lastIndexOf('}', map.end);
    return { start: at, end: at, newText: entries.map(([k, v], i) => `${map.pairs.length || i ? ', ' : ''}${k}: ${v}`).join('') };
  }
  const first = map.pairs[0];
  const indent = ' '.repeat(first ? columnOf(text, first.key.start) : 0);
  const at = endOfContent(map);
  const lines = entries.map(([k, v]) => `${indent}${k}: ${v}`);
  // Block values (lists, nested maps) end after their own line break.
  const atLineStart = at > 0 && text[at - 1] === '\n';
  return atLineStart ? { start: at, end: at, newText: lines.join('\n') + '\n' } : { start: at, end: at, newText: '\n' + lines.join('\n') };
}

/** Adds `key: value` to a mapping, after its last entry. */
export function addKey(text: string, map: YMap, key: string, value: string): OffsetEdit {
  return addKeys(text, map, [[key, value]]);
}

/** Adds an item to a list, after its last item. */
export function addItem(text: string, seq: YSeq, item: string): OffsetEdit {
  if (seq.flow) {
    const lastItem = seq.items[seq.items.length - 1];
    const at = lastItem ? lastItem.end : text.lastIndexOf(']', seq.end);
    return { start: at, end: at, newText: `${lastItem ? ', ' : ''}${item}` };
  }
  const first = seq.items[0];
  const dash = first ? text.lastIndexOf('-', first.start) : seq.start;
  const indent = columnOf(text, dash);
  const last = seq.items[seq.items.length - 1];
  const at = last ? last.end : seq.end;
  const atLineStart = at > 0 && text[at - 1] === '\n';
  return atLineStart ? { start: at, end: at, newText: `${' '.repeat(indent)}- ${item}\n` } : { start: at, end: at, newText: `\n${' '.repeat(indent)}- ${item}` };
}

/** Sets a key of a mapping: replaces its value when present, adds it otherwise. */
export function setKey(text: string, map: YMap, key: string, value: string): OffsetEdit {
  const pair = map.pairs.find((p) => p.key.text === key);
  if (pair?.value) return { start: pair.value.start, end: pair.value.end, newText: value };
  if (pair) return { start: pair.key.end + 1, end: pair.key.end + 1, newText: ` ${value}` };
  return addKey(text, map, key, value);
}

export function isMap(n: YNode | null | undefined): n is YMap {
  return !!n && n.kind === 'map';
}

export function isSeq(n: YNode | null | undefined): n is YSeq {
  return !!n && n.kind === 'seq';
}
