/**
 * A log a diagnosis read, copied to a local file so that the editor can open it at an evidence line:
 * an Airflow task try (by continuation token) or an S3 object (gunzipped), streamed to disk with
 * back-pressure, never held whole. Every line is masked as evidence lines are (passwords, tokens, AWS keys,
 * `user/password@` in Oracle URLs): the copy lives in the workspace. Line numbers stay those of the log.
 * FailureDetails is not a log: its text is in the diagnosis.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import * as l10n from '@vscode/l10n';
import { readLogBlocks } from './log-lines';
import { redactLine } from './redact-line';
import { LogNotFound, openS3Log } from './open-log';
import type { RunClients } from './open-airflow';
import { taskLog } from './task-log';

export interface LogRef {
  dagId: string;
  runId: string;
  /** As the diagnosis names it: `airflow:<task> try <n>` or `s3://…`. */
  log: string;
}

/** The local file name of a log: its name in characters every file system takes. */
export function localLogName(ref: LogRef): string {
  const base = ref.log.startsWith('s3://') ? ref.log.slice(5) : `${ref.dagId}/${ref.runId}/${ref.log}`;
  return `${base.replace(/[^A-Za-z0-9._/-]+/g, '_').replace(/\.gz$/, '')}.log`;
}

async function* text(c: RunClients, ref: LogRef): AsyncGenerator<Buffer | string> {
  const airflow = /^airflow:(.+) try (\d+)$/.exec(ref.log);
  if (airflow) {
    yield* taskLog(c.airflow, ref.dagId, ref.runId, airflow[1]!, Number(airflow[2]));
    return;
  }
  if (!ref.log.startsWith('s3://')) throw new LogNotFound(l10n.t('{0} is not a log that can be opened.', ref.log));
  // Lines as the classifier numbered them (blocks of whole lines, decompressed).
  for await (const block of readLogBlocks(await openS3Log(c.s3, ref.log)).blocks) {
    yield block.bytes;
    yield '\n';
  }
}

/** Writes the log to `dest`; returns `dest`. */
export async function saveLog(c: RunClients, ref: LogRef, dest: string): Promise<string> {
  await mkdir(dirname(dest), { recursive: true });
  const out = createWriteStream(dest);
  try {
    for await (const chunk of text(c, ref)) {
      const masked = String(chunk).split('\n').map(redactLine).join('\n');
      if (!out.write(masked)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return dest;
}
