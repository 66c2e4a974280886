/**
 * A log read as a stream of blocks of whole lines: plain text, gzip (EMR and YARN upload their logs
 * gzipped, often as several concatenated members) or a zlib stream, told apart by their first bytes,
 * never by the file name. Each decompressed chunk is decoded once (UTF-8 across chunk boundaries) and
 * handed on as one string of whole lines, so that a reader can test a whole block with one regex and
 * split it into lines only when something matched: a 4 GB log costs no per-line allocation.
 * A line longer than `maxLineBytes` keeps only its beginning (a log without line breaks is never held
 * whole); lines inside one chunk are bounded by the chunk's size.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createInflate } from 'node:zlib';

export type LogEncoding = 'plain' | 'gzip' | 'zlib';

export interface LogBlock {
  /** 1-based number of the block's first line. */
  firstLine: number;
  /** Whole lines joined by `\n`, without a final newline; `\r` of CRLF kept at the line ends. */
  text: string;
  /** Number of lines in `text`. */
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

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
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
    const inflater = encoding === 'gzip' ? createGunzip() : createInflate();
    yield* Readable.from(raw()).pipe(inflater) as AsyncIterable<Buffer>;
  }

  async function* blocks(): AsyncGenerator<LogBlock> {
    const decoder = new StringDecoder('utf8');
    let next = 1;
    // The unfinished last line; `skipping` while the rest of a line past the limit is dropped.
    let carry = '';
    let skipping = false;
    const emit = (text: string): LogBlock => {
      const lines = countLines(text);
      const block = { firstLine: next, text, lines };
      next += lines;
      return block;
    };
    for await (const chunk of decoded()) {
      bytes += chunk.length;
      let text = decoder.write(chunk);
      if (skipping) {
        const nl = text.indexOf('\n');
        if (nl < 0) continue;
        text = text.slice(nl + 1);
        skipping = false;
        yield emit(carry);
        carry = '';
      }
      const last = text.lastIndexOf('\n');
      if (last < 0) {
        carry += text;
      } else {
        const whole = carry + text.slice(0, last);
        carry = text.slice(last + 1);
        yield emit(whole);
      }
      if (Buffer.byteLength(carry) > maxLineBytes) {
        carry = Buffer.from(carry).subarray(0, maxLineBytes).toString('utf8');
        skipping = true;
      }
    }
    carry += skipping ? '' : decoder.end();
    if (carry.length > 0 || skipping) yield emit(carry);
  }

  return { blocks: blocks(), encoding: () => encoding, bytes: () => bytes };
}
