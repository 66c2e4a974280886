/**
 * A cache of the problems a rule finds on one column's node, kept by the node's origin (the column's text
 * as first parsed) in the origin's offsets. Typing above a column moves it: its node is then a new copy at
 * new offsets, with the same origin, and gets the kept problems moved by the difference instead of being
 * checked again (on a 1,000-column spec, typing in column 500 moves the 500 after it on every keystroke).
 */
import { shiftProblem, type Problem } from '../core/problem';
import type { YNode } from '../document/yaml-node';

/** Returns the cache: called with a column's node and how to find its problems (from that node only). */
export function problemsByOrigin(): (node: YNode, find: () => Problem[]) => Problem[] {
  const kept = new WeakMap<YNode, Problem[]>();
  return (node, find) => {
    // A node of a file parsed once has no origin and is not seen again: nothing to keep.
    if (!node.origin) return find();
    const delta = node.start - node.origin.start;
    const hit = kept.get(node.origin);
    if (hit) return delta === 0 || hit.length === 0 ? hit : hit.map((p) => shiftProblem(p, delta));
    const found = find();
    kept.set(node.origin, delta === 0 ? found : found.map((p) => shiftProblem(p, -delta)));
    return found;
  };
}
