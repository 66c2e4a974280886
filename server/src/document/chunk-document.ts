/**
 * Splits a table spec into chunks that parse on their own: one per top-level key, and one per item of
 * `columns`. Re-parsing only the chunk that changed is what keeps checks fast on a 500-column spec
 * (the `yaml` package parses about 1 MB/s on these machines). Documents using YAML features that cross
 * chunk borders (anchors and aliases, several documents, directives) are parsed whole instead.
 */

export interface Chunk {
  start: number;
  text: string;
}

export interface Block {
  start: number;
  text: string;
  /** The top-level key, when the block starts with one. */
  key?: string;
  /** For a block-style `columns:` list: the header (key line, comments) and one chunk per item. */
  header?: Chunk;
  items?: Chunk[];
}

export type Split = { mode: 'chunked'; blocks: Block[] } | { mode: 'whole' };

// A line at column 0 that does not start with a YAML indicator and has a `key:` is a new top-level entry
// (in a block mapping at indent 0, a value's continuation lines are indented). Anything else stays
// with the block above it, which parses it in context.
// A lone carriage return is not a line break for the yaml package, so it may start a key.
const topKeyLine = /^(?:"[^"\n]*"|'[^'\n]*'|[^ \t\n#\-?:{}[\],|>!&*%@`"'][^\n]*?)[ \t]*:(?:[ \t\r]|$)/;
// Anchors, aliases, tags with handles, directives and document markers cross chunk borders.
// So do explicit keys and values (`? key`, `: value`) and other indicators at column 0.
const crossChunk = /(?:^|[\s,[{])[&*][^\s,[\]{}]|^%|^(?:---|\.\.\.)(?:\s|$)|^[?:|>!@`](?:\s|$)/m;

export function splitDocument(text: string): Split {
  const body = text.startsWith('---') ? text.replace(/^---[^\n]*/, (m) => ' '.repeat(m.length)) : text;
  if (crossChunk.test(body)) return { mode: 'whole' };
  const starts: { offset: number; key: string }[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const c = text.charCodeAt(pos);
    if (pos < eol && c !== 32 && c !== 9 && c !== 35 /* # */ && c !== 45 /* - */ && !(c === 13 && pos + 1 === eol)) {
      const line = text.slice(pos, eol);
      const m = topKeyLine.exec(line);
      // `( # note:` is a scalar and a comment, not a key: a comment starts at a `#` after a blank.
      if (m && !/[ \t]#/.test(m[0]))
        starts.push({
          offset: pos,
          key: line
            .slice(0, m[0].indexOf(':'))
            .trim()
            .replace(/^["']|["']$/g, ''),
        });
    }
    pos = eol + 1;
  }
  if (starts.length === 0) return { mode: 'whole' };
  const blocks: Block[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = i === 0 ? 0 : starts[i]!.offset;
    // A flow collection cannot run on at column 0 (YAML: "must be sufficiently indented"), so a key line
    // at column 0 always starts a new entry of a valid document.
    const end = i + 1 < starts.length ? starts[i + 1]!.offset : text.length;
    const block: Block = { start, text: text.slice(start, end), key: starts[i]!.key };
    if (block.key === 'columns') splitItems(block, starts[i]!.offset - start);
    blocks.push(block);
  }
  return { mode: 'chunked', blocks };
}

/**
 * The line at `pos`, as the item split reads it: where it ends, its indent in spaces, and whether it is
 * blank, a comment, or a list item (`-` then a space or the line's end). One reading for `splitItems` and
 * `isOneItem`, so that the incremental split cuts exactly where the full one does.
 */
function readLine(text: string, pos: number): { eol: number; indent: number; blank: boolean; comment: boolean; isItem: boolean } {
  let eol = text.indexOf('\n', pos);
  if (eol < 0) eol = text.length;
  let i = pos;
  while (i < eol && text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return {
    eol,
    indent: i - pos,
    blank: i === eol || (c === 13 && i + 1 === eol),
    comment: c === 35 /* # */,
    isItem: c === 45 /* - */ && (i + 1 === eol || text.charCodeAt(i + 1) === 32 || (text.charCodeAt(i + 1) === 13 && i + 2 === eol)),
  };
}

/** Splits a block-style sequence value into its items: each item runs to the next `-` at the same indent. */
function splitItems(block: Block, keyOffset: number): void {
  const text = block.text;
  const firstEol = text.indexOf('\n', keyOffset);
  if (firstEol < 0) return;
  const keyLine = text.slice(keyOffset, firstEol);
  const afterColon = keyLine.slice(keyLine.indexOf(':') + 1).trim();
  if (afterColon !== '' && !afterColon.startsWith('#')) return; // flow list or scalar: parse the block whole
  let pos = firstEol + 1;
  let indent = -1;
  const itemStarts: number[] = [];
  while (pos < text.length) {
    const { eol, indent: at, blank, comment, isItem } = readLine(text, pos);
    if (indent < 0) {
      if (isItem) {
        indent = at;
        itemStarts.push(pos);
      } else if (!blank && !comment) {
        return; // something other than a list item comes first: parse the block whole
      }
    } else if (isItem && at === indent) {
      itemStarts.push(pos);
    } else if (at <= indent && !blank && !comment) {
      return; // a line that leaves the list (or sits at its dash column): parse the block whole
    }
    pos = eol + 1;
  }
  if (itemStarts.length === 0) return;
  block.header = { start: block.start, text: text.slice(0, itemStarts[0]) };
  block.items = itemStarts.map((s, k) => {
    const e = k + 1 < itemStarts.length ? itemStarts[k + 1]! : text.length;
    return { start: block.start + s, text: text.slice(s, e) };
  });
}

/**
 * `splitDocument` for one document edited a keystroke at a time: when an edit lies inside one item of
 * `columns` and leaves it one item, the last split is reused (the other chunks keep their texts, those
 * after it move), instead of scanning the whole document again. Same result as `splitDocument`.
 */
export function createSplitter(): (text: string) => Split {
  let lastText: string | undefined;
  let last: Split | undefined;
  return (text) => {
    const split = (lastText !== undefined && last?.mode === 'chunked' ? resplit(lastText, last.blocks, text) : undefined) ?? splitDocument(text);
    lastText = text;
    last = split;
    return split;
  };
}

function resplit(oldText: string, blocks: Block[], text: string): Split | undefined {
  if (oldText === text) return { mode: 'chunked', blocks };
  // The edit: old [from, oldEnd) became new [from, newEnd).
  const shortest = Math.min(oldText.length, text.length);
  const from = longest(shortest, (n) => oldText.slice(0, n) === text.slice(0, n));
  const same = longest(shortest - from, (n) => oldText.slice(oldText.length - n) === text.slice(text.length - n));
  const oldEnd = oldText.length - same;
  const delta = text.length - oldText.length;
  const at = blocks.findIndex((b) => b.items && b.start <= from && oldEnd <= b.start + b.text.length);
  const block = blocks[at];
  if (!block?.items) return undefined;
  const items = block.items;
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (items[mid]!.start <= from) lo = mid;
    else hi = mid - 1;
  }
  const item = items[lo]!;
  const itemEnd = item.start + item.text.length;
  // Strictly inside the item: its first character and its last (the line break before the next item) stay.
  if (from <= item.start || oldEnd >= itemEnd) return undefined;
  const edited = text.slice(item.start, itemEnd + delta);
  const first = items[0]!.text;
  let indent = 0;
  while (first.charCodeAt(indent) === 32) indent++;
  if (!isOneItem(edited, indent) || crossChunk.test(edited)) return undefined;
  const move = (c: Chunk): Chunk => ({ start: c.start + delta, text: c.text });
  const changed: Block = {
    ...block,
    text: text.slice(block.start, block.start + block.text.length + delta),
    items: [...items.slice(0, lo), { start: item.start, text: edited }, ...items.slice(lo + 1).map(move)],
  };
  const after = blocks.slice(at + 1).map((b): Block => ({ ...b, start: b.start + delta, ...(b.header ? { header: move(b.header) } : {}), ...(b.items ? { items: b.items.map(move) } : {}) }));
  return { mode: 'chunked', blocks: [...blocks.slice(0, at), changed, ...after] };
}

/**
 * The largest n ≤ max for which `same(n)` holds (it holds for 0 and for every n below one that holds):
 * a binary search, since comparing two slices is one native compare, where a loop over characters
 * costs a millisecond on a 1,000-column spec.
 */
function longest(max: number, same: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (same(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether a text is one item of a block list at `listIndent`, as `splitItems` would cut it: no other item at that indent, no line leaving the list. */
function isOneItem(text: string, listIndent: number): boolean {
  let indent = -1;
  let pos = 0;
  while (pos < text.length) {
    const { eol, indent: at, blank, comment, isItem } = readLine(text, pos);
    if (indent < 0) {
      if (!isItem || at !== listIndent) return false;
      indent = at;
    } else if ((isItem && at === indent) || (at <= indent && !blank && !comment)) {
      return false;
    }
    pos = eol + 1;
  }
  return indent >= 0;
}
