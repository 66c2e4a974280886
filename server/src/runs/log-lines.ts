/**
 * A log read as a stream of blocks of whole lines: plain text, gzip (EMR and YARN upload their logs
 * gzipped, often as several concatenated members) or a zlib stream, told apart by their first bytes,
 * never by the file name. Each decompressed chunk is handed on as one block of whole lines, still as
 * bytes, so that a reader can look for its keywords in the bytes and decode and split the block only
 * when one is there: a 4 GB log costs no per-line allocation and almost no string.
 * A line longer than `maxLineBytes` keeps only its beginning (a log without line breaks is never held
 * whole); lines inside one chunk are bounded by the chunk's size.
 */
import { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

export type LogEncoding = 'plain' | 'gzip' | 'zlib';

export interface LogBlock {
  /** 1-based number of the block's first line. */
  firstLine: number;
  /** Whole lines joined by `\n`, without a final newline, as bytes: a newline never falls inside a UTF-8 sequence, so a block decodes on its own. */
  bytes: Buffer;
  /** Number of lines in the block. */
  lines: number;
}

export interface BlockReader {
  blocks: AsyncGenerator<LogBlock>;
  /** Known once the first bytes have been read. */
  encoding: () => LogEncoding | undefined;
  /** Decompressed bytes read so far. */
  bytes: () => number;
}

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
// RFC 1950: CMF 0x78 (deflate, 32K window) and (CMF*256 + FLG) a multiple of 31.
const isZlib = (b: Buffer) => b.length >= 2 && b[0] === 0x78 && ((b[0] << 8) | b[1]!) % 31 === 0;

// Without a copy: a Buffer as it is, a Uint8Array (the SDK's body chunks) viewed as a Buffer.
const asBuffer = (v: Buffer | Uint8Array | string): Buffer => (Buffer.isBuffer(v) ? v : typeof v === 'string' ? Buffer.from(v) : Buffer.from(v.buffer, v.byteOffset, v.byteLength));

function countLines(bytes: Buffer): number {
  let n = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Reads `source` in blocks of whole lines, decompressing it when its first bytes say it is gzip or zlib. */
export function readLogBlocks(source: AsyncIterable<Buffer | Uint8Array | string>, maxLineBytes = 8192): BlockReader {
  let encoding: LogEncoding | undefined;
  let bytes = 0;
  async function* decoded(): AsyncGenerator<Buffer> {
    const it = source[Symbol.asyncIterator]();
    let head = Buffer.alloc(0);
    // The first two bytes decide; a first chunk of one byte is possible from a slow stream.
    while (head.length < 2) {
      const next = await it.next();
      if (next.done) break;
      head = Buffer.concat([head, asBuffer(next.value)]);
    }
    encoding = isGzip(head) ? 'gzip' : isZlib(head) ? 'zlib' : 'plain';
    async function* raw(): AsyncGenerator<Buffer> {
      if (head.length) yield head;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield asBuffer(next.value);
      }
    }
    if (encoding === 'plain') {
      yield* raw();
      return;
    }
    // zlib's default 16 KB output chunks: larger ones raised the peak (more memory waits for each collection).
    const inflater = encoding === 'gzip' ? createGunzip() : createInflate();
    yield* Readable.from(raw()).pipe(inflater) as AsyncIterable<Buffer>;
  }

  async function* blocks(): AsyncGenerator<LogBlock> {
    let next = 1;
    // The unfinished last line; `skipping` while the rest of a line past the limit is dropped.
    let carry = Buffer.alloc(0);
    let skipping = false;
    const emit = (part: Buffer): LogBlock => {
      const lines = countLines(part);
      const block = { firstLine: next, bytes: part, lines };
      next += lines;
      return block;
    };
    for await (const read of decoded()) {
      bytes += read.length;
      let chunk = read;
      if (skipping) {
        const nl = chunk.indexOf(0x0a);
        if (nl < 0) continue;
        chunk = chunk.subarray(nl + 1);
        skipping = false;
        yield emit(carry);
        carry = Buffer.alloc(0);
      }
      const last = chunk.lastIndexOf(0x0a);
      if (last < 0) {
        carry = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
      } else {
        yield emit(carry.length ? Buffer.concat([carry, chunk.subarray(0, last)]) : chunk.subarray(0, last));
        // A copy: the rest of the line must not keep the whole chunk alive.
        carry = Buffer.from(chunk.subarray(last + 1));
      }
      if (carry.length > maxLineBytes) {
        carry = carry.subarray(0, maxLineBytes);
        skipping = true;
      }
    }
    if (carry.length > 0 || skipping) yield emit(carry);
  }

  return { blocks: blocks(), encoding: () => encoding, bytes: () => bytes };
}
