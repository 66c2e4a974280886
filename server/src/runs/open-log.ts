/**
 * A log to classify, as a stream of bytes: a local file or an S3 object (`s3://bucket/key`), never read
 * whole. EMR uploads step and container logs to the cluster's log URI about every five minutes, so a
 * missing key right after a failure usually means "not there yet", and the message says so.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import * as l10n from '@vscode/l10n';

export class LogNotFound extends Error {}

/** `s3://bucket/key` split, or undefined for anything else. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/.exec(uri);
  return m ? { bucket: m[1]!, key: m[2]! } : undefined;
}

/** The bytes of a local log file. */
export async function openLocalLog(path: string): Promise<AsyncIterable<Buffer>> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new LogNotFound(l10n.t('No log at {0}.', path));
  if (!info.isFile()) throw new LogNotFound(l10n.t('{0} is not a file.', path));
  return createReadStream(path, { highWaterMark: 64 * 1024 });
}

/** The bytes of an S3 object, streamed from GetObject's body. */
export async function openS3Log(s3: S3Client, uri: string): Promise<AsyncIterable<Buffer | Uint8Array>> {
  const where = parseS3Uri(uri);
  if (!where) throw new LogNotFound(l10n.t('{0} is not an S3 object URI (s3://bucket/key).', uri));
  try {
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const out = await s3.send(new GetObjectCommand({ Bucket: where.bucket, Key: where.key }));
    return out.Body as AsyncIterable<Uint8Array>;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'NoSuchKey') throw new LogNotFound(l10n.t('{0} is not there (yet): EMR uploads step and container logs to the log URI about every five minutes; try again later.', uri));
    if (name === 'NoSuchBucket') throw new LogNotFound(l10n.t('The bucket of {0} does not exist.', uri));
    throw e;
  }
}
