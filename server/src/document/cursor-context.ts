/**
 * Where the cursor stands in a spec, read from the text's indentation so that it works on a half-typed
 * line that does not parse yet: the path of keys above it, and whether a key or a value is being typed.
 */

export interface CursorContext {
  /** Keys from the root, with `[]` for a list item: `['columns', '[]', 'oracle']`. */
  path: string[];
  /** `key`: typing a key of the mapping at `path`; `value`: typing the value at `path`; `item`: a list item of `path`. */
  at: 'key' | 'value' | 'item';
  /** What is typed so far of the key or value, and where it starts. */
  prefix: string;
  prefixStart: number;
  /** Keys already present beside the cursor, for key completion. */
  siblings: string[];
  /** The indentation of the mapping being typed in. */
  indent: number;
}

interface Line {
  indent: number;
  dash: number; // column of the content after `- `, or -1
  key?: string;
}

function readLine(text: string, start: number, end: number): Line | undefined {
  const raw = text.slice(start, end);
  const m = /^( *)(- +)?(?:([^\s#][^:#]*?)\s*(:(?:\s|$)))?/.exec(raw);
  if (!m) return undefined;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const indent = m[1]!.length;
  const dash = m[2] ? indent + m[2].length : -1;
  const line: Line = { indent, dash };
  if (m[3] && m[4]) line.key = m[3].replace(/^["']|["']$/g, '');
  return line;
}

function parentPath(text: string, lineStart: number, indent: number, inItemAt: number): string[] {
  const path: string[] = [];
  let want = indent; // a parent key has a smaller indent
  let seqAt = inItemAt; // when >= 0: inside a list item whose dash is at this column
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = readLine(text, start, end);
    end = start - 1;
    if (!line) continue;
    if (seqAt >= 0) {
      if (line.dash >= 0 && line.indent === seqAt) continue; // a sibling item
      if (line.indent <= seqAt && line.key && line.dash < 0) {
        path.unshift('[]', line.key);
        seqAt = -1;
        want = line.indent;
        if (want === 0) break;
        continue;
      }
      if (line.dash >= 0 && line.dash <= seqAt && line.key) {
        path.unshift('[]', line.key, '[]');
        seqAt = line.indent;
        continue;
      }
      continue;
    }
    const content = line.dash >= 0 ? line.dash : line.indent;
    if (line.dash >= 0 && content === want) {
      seqAt = line.indent; // the first key of the item we are in
      continue;
    }
    if (content < want && line.key) {
      path.unshift(line.key);
      if (line.dash >= 0) {
        path.unshift('[]');
        seqAt = line.indent;
      } else {
        want = line.indent;
        if (want === 0) break;
      }
    }
  }
  // A path unshifted as ['[]', key, …] reads key, [] in document order.
  const fixed: string[] = [];
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '[]' && i + 1 < path.length && path[i + 1] !== '[]') {
      fixed.push(path[i + 1]!, '[]');
      i++;
    } else fixed.push(path[i]!);
  }
  return fixed;
}

function siblingKeys(text: string, lineStart: number, indent: number): string[] {
  const keys: string[] = [];
  const scan = (from: number, dir: 1 | -1) => {
    let pos = from;
    for (let guard = 0; guard < 400; guard++) {
      let start: number, end: number;
      if (dir < 0) {
        if (pos <= 0) return;
        end = pos - 1;
        start = text.lastIndexOf('\n', end - 1) + 1;
        pos = start;
      } else {
        if (pos >= text.length) return;
        start = pos;
        end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        pos = end + 1;
      }
      const line = readLine(text, start, end);
      if (!line) continue;
      const content = line.dash >= 0 ? line.dash : line.indent;
      if (content < indent) return;
      if (content === indent && line.key) keys.push(line.key);
      if (line.dash >= 0 && content === indent) return; // the start of this item, or of the next one
    }
  };
  const lineEnd = text.indexOf('\n', lineStart);
  scan(lineStart, -1);
  if (lineEnd >= 0) scan(lineEnd + 1, 1);
  return keys;
}

/** Splits a flow mapping's text at its commas, not at those inside a type's parentheses: `NUMBER(15,2)`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '<' || ch === '[') depth++;
    else if ((ch === ')' || ch === '>' || ch === ']') && depth > 0) depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** The cursor inside a flow mapping at `path`, `inner` being its text from after the `{` to the cursor. */
function inFlowMap(path: string[], inner: string, offset: number, indent: number): CursorContext {
  const parts = splitTopLevel(inner);
  const last = parts[parts.length - 1]!;
  const kv = /^\s*([^:]+?)\s*:\s*(.*)$/.exec(last);
  if (kv) {
    const v = kv[2]!;
    return { path: [...path, kv[1]!], at: 'value', prefix: v, prefixStart: offset - v.length, siblings: [], indent };
  }
  const k = last.trimStart();
  return { path, at: 'key', prefix: k, prefixStart: offset - k.length, siblings: parts.slice(0, -1).map((p) => p.split(':')[0]!.trim()), indent };
}

export function cursorContext(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const m = /^( *)(- +)?(.*)$/.exec(before)!;
  const indent = m[1]!.length;
  const dashed = !!m[2];
  const contentIndent = indent + (m[2]?.length ?? 0);
  const rest = m[3]!;
  const colon = /^([^\s#:{[][^:#]*?)\s*:(\s+|$)/.exec(rest);
  const parent = parentPath(text, lineStart, contentIndent, dashed ? indent : -1);
  const basePath = dashed ? (parent.length && parent[parent.length - 1] === '[]' ? parent : [...parent, '[]']) : parent;

  // A list item written as a flow mapping: `- { name: a, oracle: NUMBER(15,|`.
  if (dashed && rest.startsWith('{')) return inFlowMap(basePath, rest.slice(1), offset, contentIndent);
  if (colon && colon[2] !== '') {
    const key = colon[1]!.trim();
    let value = rest.slice(colon[0].length);
    let valueStart = offset - value.length;
    const path = [...basePath, key];
    // Inside a flow mapping: `purge: { after: 5y, basis: |`.
    const brace = value.lastIndexOf('{');
    if (brace >= 0) return inFlowMap(path, value.slice(brace + 1), offset, contentIndent);
    const bracket = value.lastIndexOf('[');
    if (bracket >= 0) {
      const after = value.slice(bracket + 1);
      const item = after.slice(after.lastIndexOf(',') + 1).trimStart();
      return { path, at: 'item', prefix: item, prefixStart: offset - item.length, siblings: [], indent: contentIndent };
    }
    value = value.replace(/^["']/, '');
    valueStart = offset - value.length;
    return { path, at: 'value', prefix: value, prefixStart: valueStart, siblings: [], indent: contentIndent };
  }
  if (dashed && !rest.includes(':')) {
    // `- cu|` under `keys:` is a list item; under `columns:` it may be the first key of an item.
    return {
      path: parent.length && parent[parent.length - 1] === '[]' ? parent.slice(0, -1) : parent,
      at: 'item',
      prefix: rest,
      prefixStart: offset - rest.length,
      siblings: siblingKeys(text, lineStart, contentIndent),
      indent: contentIndent,
    };
  }
  return { path: basePath, at: 'key', prefix: rest, prefixStart: offset - rest.length, siblings: siblingKeys(text, lineStart, contentIndent), indent: contentIndent };
}
