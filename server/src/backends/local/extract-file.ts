/**
 * The extract as the local load reads it: checked to be a readable file first (a folder, a missing file
 * and a file the user may not read each get their own message), and, for an append whose ledger needs
 * the extract's hash, copied once while hashed, so that the ledger names exactly the bytes that were loaded.
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OperationError } from '../errors';

function fileError(err: unknown, location: string, path: string): OperationError {
  const code = (err as NodeJS.ErrnoException).code;
  const message = (err as Error).message ?? String(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return new OperationError('not-found', l10n.t('The extract {0} does not exist (looked in {1}).', location, path), message);
  if (code === 'EACCES' || code === 'EPERM')
    return new OperationError(
      'access-denied',
      l10n.t('The extract {0} may not be read by this user: permission denied on {1} or a folder above it. Check the permissions of the file and its folders.', location, path),
      message,
    );
  return new OperationError('failed', l10n.t('The extract {0} cannot be read ({1}): {2}', location, code ?? 'error', message), message);
}

/** Throws a clear OperationError unless `path` is a file this process can read. */
export function checkExtractFile(location: string, path: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (err) {
    throw fileError(err, location, path);
  }
  if (isDirectory) throw new OperationError('invalid-spec', l10n.t('The extract {0} is a folder ({1}), not a file: set `source.staging.location` to the extract file itself.', location, path));
  try {
    closeSync(openSync(path, 'r'));
  } catch (err) {
    throw fileError(err, location, path);
  }
}

export interface ExtractSnapshot {
  /** The copy to read. */
  path: string;
  /** The SHA-256 of exactly the bytes copied. */
  hash: string;
  remove(): void;
}

/**
 * Copies the extract to a private folder under `into` (the workspace's .tablespec, not /tmp, which may be
 * memory), hashing the bytes as they are copied; the load reads the copy.
 */
export async function snapshotExtract(location: string, path: string, into: string): Promise<ExtractSnapshot> {
  mkdirSync(into, { recursive: true });
  const dir = mkdtempSync(join(into, 'extract-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const copy = join(dir, 'extract');
  const hash = createHash('sha256');
  try {
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(createReadStream(path), tap, createWriteStream(copy, { mode: 0o600 }));
  } catch (err) {
    remove();
    throw fileError(err, location, path);
  }
  return { path: copy, hash: hash.digest('hex'), remove };
}
