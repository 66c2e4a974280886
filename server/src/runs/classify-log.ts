/**
 * Classifies a log against the failure signatures, reading it once as a stream: each matching line is
 * counted and the first few are kept, with their line numbers, as the evidence. Memory stays bounded by
 * the evidence kept and the split-skew tracker, whatever the log's size.
 */
import * as l10n from '@vscode/l10n';
import { failureSignatures, signatureById, type SignatureSource } from './failure-signatures';
import { readLogBlocks, type LogEncoding } from './log-lines';
import { collectGarbage } from './collect-garbage';
import { redactLine } from './redact-line';
import { SKEW_MARK, splitSkewTracker } from './split-skew';

export interface Evidence {
  line: number;
  text: string;
}

export interface Diagnosis {
  rule: string;
  source: SignatureSource;
  meaning: string;
  remedy: string;
  fields: string[];
  /** How many lines matched (the evidence keeps the first few). */
  matches: number;
  evidence: Evidence[];
  /** Computed facts, for the rules that compute (split skew). */
  detail?: string;
}

export interface Classification {
  diagnoses: Diagnosis[];
  lines: number;
  bytes: number;
  encoding: LogEncoding;
}

const EVIDENCE_PER_RULE = 5;
// Evidence text is cut here: a stack line can be very long, and a report quotes it.
const EVIDENCE_CHARS = 400;
// Bytes read between two full collections (see collect-garbage.ts).
const COLLECT_EVERY_BYTES = 8 * 1024 * 1024;

const lineRules = failureSignatures.filter((s) => s.pattern);
// One combined test first: most lines of a log match nothing, and one regex pass is cheaper than fifteen.
const anyRule = new RegExp(lineRules.map((s) => `(?:${s.pattern!.source})`).join('|'));
// Literal text every match contains, looked for in the raw bytes before anything is decoded.
const keywords = [...new Set([...failureSignatures.flatMap((s) => s.keywords), SKEW_MARK])].map((k) => Buffer.from(k));

const minutes = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.round((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
};

/** The diagnoses of a log (plain, gzip or zlib), in the order their first evidence line appears. */
export async function classifyLog(source: AsyncIterable<Buffer | Uint8Array | string>): Promise<Classification> {
  const reader = readLogBlocks(source);
  const found = new Map<string, { matches: number; evidence: Evidence[] }>();
  const skew = splitSkewTracker();
  let lines = 0;
  let collectedAt = 0;
  for await (const block of reader.blocks) {
    lines = block.firstLine + block.lines - 1;
    if (reader.bytes() - collectedAt >= COLLECT_EVERY_BYTES) {
      collectedAt = reader.bytes();
      collectGarbage();
    }
    // Most blocks hold none of the keywords: they are neither decoded nor split into lines.
    if (!keywords.some((k) => block.bytes.includes(k))) continue;
    const all = block.bytes.toString('utf8');
    const ruleHit = anyRule.test(all);
    if (!ruleHit && !all.includes(SKEW_MARK)) continue;
    let number = block.firstLine;
    for (let start = 0; start <= all.length; number++) {
      let end = all.indexOf('\n', start);
      if (end < 0) end = all.length;
      const text = all.endsWith('\r', end) ? all.slice(start, end - 1) : all.slice(start, end);
      start = end + 1;
      skew.line(number, text);
      if (!ruleHit || !anyRule.test(text)) continue;
      for (const rule of lineRules) {
        if (!rule.pattern!.test(text)) continue;
        let hit = found.get(rule.id);
        if (!hit) found.set(rule.id, (hit = { matches: 0, evidence: [] }));
        hit.matches++;
        if (hit.evidence.length < EVIDENCE_PER_RULE) hit.evidence.push({ line: number, text: redactLine(text).slice(0, EVIDENCE_CHARS) });
      }
    }
  }
  const diagnoses: Diagnosis[] = [];
  for (const [id, hit] of found) {
    const s = signatureById(id)!;
    diagnoses.push({ rule: id, source: s.source, meaning: s.meaning(), remedy: s.remedy(), fields: s.fields, matches: hit.matches, evidence: hit.evidence });
  }
  const skewed = skew.result();
  if (skewed) {
    const s = signatureById('sqoop.split-skew')!;
    const { longest } = skewed;
    diagnoses.push({
      rule: s.id,
      source: s.source,
      meaning: s.meaning(),
      remedy: s.remedy(),
      fields: s.fields,
      matches: 2,
      evidence: [
        { line: longest.startLine, text: redactLine(longest.startText).slice(0, EVIDENCE_CHARS) },
        { line: longest.endLine, text: redactLine(longest.endText).slice(0, EVIDENCE_CHARS) },
      ],
      detail: l10n.t('Mapper {0} ran {1}; the median of the other {2} mappers is {3}.', longest.task, minutes(longest.ms), String(skewed.mappers - 1), minutes(skewed.medianMs)),
    });
  }
  diagnoses.sort((a, b) => a.evidence[0]!.line - b.evidence[0]!.line);
  return { diagnoses, lines, bytes: reader.bytes(), encoding: reader.encoding() ?? 'plain' };
}
