/**
 * A small, plain tree of the YAML document with source offsets: what every check walks.
 * Built from the `yaml` package's AST; offsets are UTF-16 code units.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node as YamlNode } from 'yaml';

export interface YScalar {
  kind: 'scalar';
  start: number;
  end: number;
  value: unknown;
  /** The value as written, without quotes; for error messages and the Oracle type grammar. */
  text: string;
  /** Offset of `text` within the source: quoted scalars start one character later. */
  textStart: number;
  quoted: boolean;
  origin?: YNode;
}

export interface YPair {
  key: YScalar;
  value: YNode | null;
}

export interface YMap {
  kind: 'map';
  start: number;
  end: number;
  flow: boolean;
  pairs: YPair[];
  origin?: YNode;
}

export interface YSeq {
  kind: 'seq';
  start: number;
  end: number;
  flow: boolean;
  items: (YNode | null)[];
  origin?: YNode;
}

export type YNode = YScalar | YMap | YSeq;

const maxDepth = 200;

/**
 * How many nodes aliases may add to the tree in all. An alias is a copy of its anchor's subtree, so
 * aliases of aliases grow exponentially ("billion laughs": 300 bytes, billions of nodes) and a chain of
 * `<<: *prev` maps grows quadratically. A real spec reuses a cleansing list or a map a few hundred times;
 * 10,000 nodes leave room for that and keep the worst document to milliseconds.
 */
export const maxAliasNodes = 10_000;

/** The alias whose expansion went over `maxAliasNodes`: the outermost one, as written in the document. */
export interface AliasOverflow {
  start: number;
  end: number;
  name: string;
}

class Overflow extends Error {
  constructor(readonly alias: YamlNode) {
    super('alias expansion over the bound');
  }
}

/** Each alias's target, found in one walk: `Alias.resolve` searches the whole document on every call. */
function anchorsOf(doc: Document.Parsed): Map<unknown, YamlNode> {
  const latest = new Map<string, YamlNode>();
  const targets = new Map<unknown, YamlNode>();
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      const target = latest.get(node.source);
      if (target) targets.set(node, target);
    } else if (node && typeof node === 'object' && 'anchor' in node && typeof node.anchor === 'string' && node.anchor) {
      latest.set(node.anchor, node as YamlNode);
    }
  });
  return targets;
}

/**
 * Converts a parsed document's contents to a YNode tree; never throws on odd input. Aliases that point
 * nowhere are listed in `unresolved`. When aliases would add more than `maxAliasNodes` nodes the tree is
 * not built (null) and `limits.overflow` names the alias.
 */
export function fromYaml(
  doc: Document.Parsed,
  source: string,
  unresolved: { start: number; end: number; name: string }[] = [],
  limits: { maxAliasNodes?: number; overflow?: AliasOverflow } = {},
): YNode | null {
  const budget = limits.maxAliasNodes ?? maxAliasNodes;
  let copied = 0;
  // The alias being expanded at the outermost level, for the problem; cycles are cut on the current path.
  let outer: YamlNode | undefined;
  const onPath = new Set<unknown>();
  // An alias is written `*name`: a text without `*` has none, and the walk that finds anchors is skipped.
  const targets = source.includes('*') ? anchorsOf(doc) : new Map<unknown, YamlNode>();
  const convert = (n: unknown, depth: number): YNode | null => {
    if (n == null) return null;
    if (depth > maxDepth) return null;
    if (outer && ++copied > budget) throw new Overflow(outer);
    const node = n as YamlNode;
    const range = node.range;
    if (isAlias(node)) {
      const target = targets.get(node);
      if (!target) unresolved.push({ start: range?.[0] ?? 0, end: range?.[1] ?? 0, name: node.source });
      if (!target || onPath.has(target)) return null;
      const first = !outer;
      if (first) outer = node;
      onPath.add(target);
      try {
        return convertNode(target as YamlNode, (n as YamlNode).range ?? (target as YamlNode).range, depth);
      } finally {
        onPath.delete(target);
        if (first) outer = undefined;
      }
    }
    return convertNode(node, range, depth);
  };
  const convertNode = (node: YamlNode, range: YamlNode['range'], depth: number): YNode | null => {
    const start = range?.[0] ?? 0;
    const end = range?.[1] ?? start;
    if (isMap(node)) {
      const pairs: YPair[] = [];
      for (const pair of node.items) {
        const valueStart = (pair.value as YamlNode | null)?.range?.[0] ?? start;
        // `: value` has an empty key: keep it, placed on its colon, so that it is reported as an unknown key.
        const colon = Math.max(start, source.lastIndexOf(':', valueStart));
        const key = keyScalar(pair.key, source) ?? { kind: 'scalar' as const, start: colon, end: colon + 1, value: null, text: '', textStart: colon, quoted: false };
        pairs.push({ key, value: convert(pair.value, depth + 1) });
      }
      return { kind: 'map', start, end, flow: !!node.flow, pairs };
    }
    if (isSeq(node)) {
      return { kind: 'seq', start, end, flow: !!node.flow, items: node.items.map((i) => convert(i, depth + 1)) };
    }
    if (isScalar(node)) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const value = node.value;
      const text = typeof value === 'string' ? value : value === null ? '' : String(source.slice(start, end));
      return { kind: 'scalar', start, end, value, text, textStart: quoted ? start + 1 : start, quoted };
    }
    return null;
  };
  try {
    return convert(doc.contents, 0);
  } catch (err) {
    if (!(err instanceof Overflow)) throw err;
    const at = err.alias.range;
    limits.overflow = { start: at?.[0] ?? 0, end: at?.[1] ?? 0, name: (err.alias as unknown as { source: string }).source };
    return null;
  }
}

function keyScalar(key: unknown, source: string): YScalar | null {
  if (key == null) return null;
  const node = key as YamlNode;
  const start = node.range?.[0] ?? 0;
  const end = node.range?.[1] ?? start;
  if (isScalar(node)) {
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    // As the yaml package does when it builds objects, a null key becomes the empty string.
    const text = node.value === null ? '' : String(node.value);
    return { kind: 'scalar', start, end, value: node.value, text, textStart: quoted ? start + 1 : start, quoted };
  }
  // A complex key (`? [a, b]`) is kept as its source text so that it is reported as an unknown key.
  return { kind: 'scalar', start, end, value: source.slice(start, end), text: source.slice(start, end), textStart: start, quoted: false };
}

/**
 * Copies a tree with every offset moved by `base`; the copy remembers the node it came from. Object
 * literals with every field written out, not spreads: typing above 500 columns copies 500 chunks' trees.
 */
export function shiftNode<T extends YNode | null>(node: T, base: number): T {
  if (node === null) return node;
  const origin = node.origin ?? node;
  switch (node.kind) {
    case 'scalar':
      return {
        kind: 'scalar',
        start: node.start + base,
        end: node.end + base,
        value: node.value,
        text: node.text,
        textStart: node.textStart + base,
        quoted: node.quoted,
        origin,
      } satisfies YScalar as T;
    case 'map': {
      const pairs: YPair[] = new Array(node.pairs.length);
      for (let i = 0; i < pairs.length; i++) {
        const p = node.pairs[i]!;
        pairs[i] = { key: shiftNode(p.key, base), value: shiftNode(p.value, base) };
      }
      return { kind: 'map', start: node.start + base, end: node.end + base, flow: node.flow, pairs, origin } satisfies YMap as T;
    }
    case 'seq': {
      const items: (YNode | null)[] = new Array(node.items.length);
      for (let i = 0; i < items.length; i++) items[i] = shiftNode(node.items[i]!, base);
      return { kind: 'seq', start: node.start + base, end: node.end + base, flow: node.flow, items, origin } satisfies YSeq as T;
    }
  }
  return node;
}

const jsCache = new WeakMap<YNode, unknown>();

/**
 * The plain JavaScript value of a node, cached by the node it came from (values do not move with
 * offsets). Only the nodes of the editor's chunks, which later checks see again, have one: the nodes
 * of a file parsed once are not cached.
 */
export function toJS(node: YNode | null): unknown {
  if (node === null) return null;
  const key = node.origin;
  if (key && jsCache.has(key)) return jsCache.get(key);
  let value: unknown;
  if (node.kind === 'scalar') value = node.value;
  else if (node.kind === 'seq') value = node.items.map(toJS);
  else {
    const obj: Record<string, unknown> = {};
    for (const p of node.pairs) obj[p.key.text] = toJS(p.value);
    value = obj;
  }
  if (key) jsCache.set(key, value);
  return value;
}

/** The value node of `key` in a map, or undefined. */
export function get(node: YNode | null | undefined, key: string): YNode | null | undefined {
  if (node?.kind !== 'map') return undefined;
  for (let i = node.pairs.length - 1; i >= 0; i--) if (node.pairs[i]!.key.text === key) return node.pairs[i]!.value;
  return undefined;
}

export function getPair(node: YNode | null | undefined, key: string): YPair | undefined {
  if (node?.kind !== 'map') return undefined;
  for (let i = node.pairs.length - 1; i >= 0; i--) if (node.pairs[i]!.key.text === key) return node.pairs[i];
  return undefined;
}

/** The string value of a scalar, or undefined for anything else. */
export function str(node: YNode | null | undefined): string | undefined {
  return node && node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

export function num(node: YNode | null | undefined): number | undefined {
  return node && node.kind === 'scalar' && typeof node.value === 'number' ? node.value : undefined;
}

/** The node at a JSON-pointer-like path of keys and indexes. */
export function nodeAt(root: YNode | null, path: readonly (string | number)[]): YNode | null | undefined {
  let n: YNode | null | undefined = root;
  for (const step of path) {
    if (!n) return undefined;
    if (n.kind === 'seq' && typeof step === 'number') n = n.items[step];
    else if (n.kind === 'map') n = get(n, String(step));
    else return undefined;
  }
  return n;
}
