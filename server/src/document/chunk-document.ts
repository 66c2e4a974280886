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
      if (m && !/[ \t]#/.test(m[0])) starts.push({ offset: pos, key: line.slice(0, m[0].indexOf(':')).trim().replace(/^["']|["']$/g, '') });
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
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    let i = pos;
    while (i < eol && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    const blank = i === eol || (c === 13 && i + 1 === eol);
    const isItem = c === 45 /* - */ && (i + 1 === eol || text.charCodeAt(i + 1) === 32 || (text.charCodeAt(i + 1) === 13 && i + 2 === eol));
    if (indent < 0) {
      if (isItem) {
        indent = i - pos;
        itemStarts.push(pos);
      } else if (!blank && c !== 35 /* # */) {
        return; // something other than a list item comes first: parse the block whole
      }
    } else if (isItem && i - pos === indent) {
      itemStarts.push(pos);
    } else if (i - pos <= indent && !blank && c !== 35) {
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
