/**
 * Parses a spec's YAML into a YNode tree with syntax problems, re-parsing only the chunks whose text
 * changed since the last call (see chunk-document.ts). One parser per open document.
 */
import * as l10n from '@vscode/l10n';
import { parseDocument, type YAMLError } from 'yaml';
import { problem, shiftProblem, type Problem } from '../core/problem';
import { createSplitter, splitDocument, type Chunk } from './chunk-document';
import { fromYaml, maxAliasNodes, shiftNode, type AliasOverflow, type YMap, type YNode, type YPair, type YSeq } from './yaml-node';

export interface ParsedYaml {
  root: YNode | null;
  /** YAML syntax problems, with document offsets. */
  problems: Problem[];
  /** How the text was parsed; the benchmark and tests read it. */
  mode: 'chunked' | 'whole';
  /** How many chunks had to be parsed this time (the rest came from the cache). */
  parsedChunks: number;
}

interface Parsed {
  root: YNode | null;
  problems: Problem[];
}

interface Entry extends Parsed {
  /** The same chunk moved to other offsets, so that an unchanged position costs nothing. */
  placed: Map<number, Parsed>;
}

function yamlProblem(e: YAMLError, severity: 'error' | 'warning', text: string): Problem {
  let start = Math.min(e.pos[0], text.length);
  let end = Math.max(start, Math.min(e.pos[1], text.length));
  if (start === end) {
    // "Missing }" is found where the next line starts; underline the last character written instead.
    let i = start - 1;
    while (i >= 0 && /\s/.test(text[i]!)) i--;
    if (i >= 0 && i < start - 1) {
      start = i;
      end = i + 1;
    }
  }
  const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (e.code === 'DUPLICATE_KEY') {
    // The parser marks the key's first character; underline the whole key.
    const key = /^[^:\n]*?(?=\s*:)/.exec(text.slice(start, start + 256));
    return problem('duplicate-key', 'error', { start, end: key?.[0].length ? start + key[0].length : end }, l10n.t('{0}: a key may appear only once in a mapping.', message));
  }
  return problem('yaml-syntax', severity, { start, end }, message);
}

function aliasLimitProblem(overflow: AliasOverflow): Problem {
  return problem(
    'yaml-alias-limit',
    'error',
    overflow,
    l10n.t(
      'Aliases expand to more than {0} nodes from `*{1}` on: a spec never needs that many copies (nested aliases grow exponentially). Write the values out, or use fewer aliases.',
      maxAliasNodes,
      overflow.name,
    ),
  );
}

/**
 * The one problem of a YAML text whose aliases go over the bound, for files read by other YAML tools
 * (tablespec.yaml goes to yaml-language-server, which would expand them): undefined when within it.
 */
export function checkAliasBound(text: string): Problem | undefined {
  try {
    const doc = parseDocument(text, { prettyErrors: false, keepSourceTokens: false });
    const limits: { overflow?: AliasOverflow } = {};
    fromYaml(doc, text, [], limits);
    return limits.overflow ? aliasLimitProblem(limits.overflow) : undefined;
  } catch {
    return undefined;
  }
}

function parseText(text: string): Parsed {
  try {
    // The tree is built by fromYaml, which bounds alias expansion itself (the package's maxAliasCount only guards its toJS).
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: true });
    const problems = [...doc.errors.map((e) => yamlProblem(e, 'error', text)), ...doc.warnings.map((e) => yamlProblem(e, 'warning', text))];
    const unresolved: { start: number; end: number; name: string }[] = [];
    const limits: { overflow?: AliasOverflow } = {};
    const root = doc.errors.some((e) => e.code === 'MULTIPLE_DOCS') ? null : fromYaml(doc, text, unresolved, limits);
    for (const u of unresolved) problems.push(problem('yaml-syntax', 'error', u, l10n.t('Unresolved alias `*{0}`: no anchor `&{0}` is defined before it.', u.name)));
    // Over the bound, the tree is not built and nothing else is checked: one problem, on the alias.
    if (limits.overflow) return { root: null, problems: [...problems, aliasLimitProblem(limits.overflow)] };
    return { root, problems };
  } catch (err) {
    // The parser is not expected to throw, but a pathological input (very deep nesting) must not stop the server.
    return { root: null, problems: [problem('yaml-syntax', 'error', { start: 0, end: Math.min(text.length, 1) }, l10n.t('The YAML could not be read: {0}', (err as Error).message))] };
  }
}

/** Returns a parse function with its own chunk cache. */
export function createYamlParser(): (text: string) => ParsedYaml {
  // Chunks by text, each marked with the last parse that used it; those the last parse did not use are
  // dropped once they are as many as those it did (one map kept, not one built per keystroke).
  const cache = new Map<string, Entry & { used: number }>();
  let generation = 0;
  let used = 0;
  let parsedChunks = 0;
  const split = createSplitter();

  const chunk = (c: Chunk): Parsed => {
    let entry = cache.get(c.text);
    if (!entry) {
      parsedChunks++;
      const parsed = parseText(c.text);
      // Fields written out, not spread: every entry one object shape, read on every keystroke for every chunk.
      entry = { root: parsed.root, problems: parsed.problems, placed: new Map(), used: 0 };
      cache.set(c.text, entry);
    }
    if (entry.used !== generation) {
      entry.used = generation;
      used++;
    }
    let placed = entry.placed.get(c.start);
    if (!placed) {
      placed = { root: shiftNode(entry.root, c.start), problems: entry.problems.map((p) => shiftProblem(p, c.start)) };
      // Keep only a few positions: a chunk moves with every edit above it.
      if (entry.placed.size > 4) entry.placed.clear();
      entry.placed.set(c.start, placed);
    }
    return placed;
  };

  return (text: string): ParsedYaml => {
    parsedChunks = 0;
    generation++;
    used = 0;
    const parts = split(text);
    let result: ParsedYaml;
    if (parts.mode === 'whole') {
      const whole = chunk({ start: 0, text });
      result = { root: whole.root, problems: whole.problems, mode: 'whole', parsedChunks };
    } else {
      const problems: Problem[] = [];
      const root: YMap = { kind: 'map', start: 0, end: text.length, flow: false, pairs: [] };
      // Each top-level key is parsed apart, so the YAML parser cannot see a key written twice: check here.
      const seen = new Set<string>();
      const addPair = (pair: YPair) => {
        if (seen.has(pair.key.text)) problems.push(problem('duplicate-key', 'error', pair.key, l10n.t('Map keys must be unique: `{0}` is already set above.', pair.key.text)));
        seen.add(pair.key.text);
        root.pairs.push(pair);
      };
      for (const block of parts.blocks) {
        if (!block.items) {
          const parsed = chunk(block);
          problems.push(...parsed.problems);
          if (parsed.root?.kind === 'map') parsed.root.pairs.forEach(addPair);
          else if (parsed.root && problems.length === 0)
            problems.push(problem('wrong-type', 'error', parsed.root, l10n.t('A table spec is a mapping of keys (table, kind, source, load, columns …).')));
          continue;
        }
        const header = chunk(block.header!);
        problems.push(...header.problems);
        const list: YSeq = { kind: 'seq', start: block.items[0]!.start, end: block.start + block.text.length, flow: false, items: [] };
        for (const item of block.items) {
          const parsed = chunk(item);
          problems.push(...parsed.problems);
          if (parsed.root?.kind === 'seq') list.items.push(...parsed.root.items);
          else if (parsed.root) list.items.push(parsed.root);
        }
        const last = list.items[list.items.length - 1];
        if (last) list.end = last.end;
        if (header.root?.kind === 'map') {
          for (const pair of header.root.pairs) addPair(pair.key.text === 'columns' ? { key: pair.key, value: list } : pair);
        }
      }
      result = { root, problems, mode: 'chunked', parsedChunks };
    }
    if (cache.size > 2 * used + 16) for (const [key, entry] of cache) if (entry.used !== generation) cache.delete(key);
    return result;
  };
}

/** Parses once, with no cache: for files read from disk. */
export function parseYamlOnce(text: string): ParsedYaml {
  return createYamlParser()(text);
}

/**
 * Parses a file that is not being edited, once: the whole document in one go when it parses cleanly
 * (the usual case, and a third cheaper than one parse per chunk), else chunk by chunk so that its
 * problems are the ones the editor shows. The tree is the chunked parse's: the two containers the
 * chunked parse builds itself (the document and the `columns` list) get its spans.
 */
export function parseYamlFile(text: string): ParsedYaml {
  const split = splitDocument(text);
  if (split.mode === 'whole') return parseYamlOnce(text);
  const whole = parseText(text);
  if (whole.problems.length || whole.root?.kind !== 'map') return parseYamlOnce(text);
  const root = whole.root;
  root.start = 0;
  root.end = text.length;
  const block = split.blocks.find((b) => b.items);
  const list = block && root.pairs.find((p) => p.key.text === 'columns')?.value;
  if (block && list?.kind === 'seq') {
    list.start = block.items![0]!.start;
    // An item whose last value is empty and followed by a comment line ends, in the whole parse, at the
    // next item's dash (after its indentation); a chunk ends at the start of that line, as the editor sees it.
    for (const item of list.items) {
      if (!item) continue;
      const lineStart = text.lastIndexOf('\n', item.end - 1) + 1;
      if (lineStart > item.start && /^[ \t]+$/.test(text.slice(lineStart, item.end))) item.end = lineStart;
    }
    const last = list.items[list.items.length - 1];
    list.end = last ? last.end : block.start + block.text.length;
  }
  return { root, problems: [], mode: 'whole', parsedChunks: 1 };
}
