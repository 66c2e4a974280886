/**
 * The lines of a log read as a stream: plain text, gzip (EMR and YARN upload their logs gzipped, often
 * as several concatenated members) or a zlib stream, told apart by their first bytes, never by the file
 * name. A line longer than `maxLineBytes` keeps only its beginning, so that a log without line breaks
 * cannot make the reader hold it whole.
 */
import { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

export type LogEncoding = 'plain' | 'gzip' | 'zlib';

export interface LogLine {
  /** 1-based line number in the decompressed log. */
  number: number;
  text: string;
  /** The line was longer than the limit and was cut. */
  cut: boolean;
}

export interface LineReader {
  lines: AsyncGenerator<LogLine>;
  /** Known once the first bytes have been read. */
  encoding: () => LogEncoding | undefined;
  /** Decompressed bytes read so far. */
  bytes: () => number;
}

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
// RFC 1950: CMF 0x78 (deflate, 32K window) and (CMF*256 + FLG) a multiple of 31.
const isZlib = (b: Buffer) => b.length >= 2 && b[0] === 0x78 && ((b[0] << 8) | b[1]!) % 31 === 0;

/** Reads `source` line by line, decompressing it when its first bytes say it is gzip or zlib. */
export function readLogLines(source: AsyncIterable<Buffer | Uint8Array | string>, maxLineBytes = 8192): LineReader {
  let encoding: LogEncoding | undefined;
  let bytes = 0;
  async function* decoded(): AsyncGenerator<Buffer> {
    const it = source[Symbol.asyncIterator]();
    let head = Buffer.alloc(0);
    // The first two bytes decide; a first chunk of one byte is possible from a slow stream.
    while (head.length < 2) {
      const next = await it.next();
      if (next.done) break;
      head = Buffer.concat([head, Buffer.from(next.value)]);
    }
    encoding = isGzip(head) ? 'gzip' : isZlib(head) ? 'zlib' : 'plain';
    async function* raw(): AsyncGenerator<Buffer> {
      if (head.length) yield head;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield Buffer.from(next.value);
      }
    }
    if (encoding === 'plain') {
      yield* raw();
      return;
    }
    const inflater = encoding === 'gzip' ? createGunzip() : createInflate();
    yield* Readable.from(raw()).pipe(inflater) as AsyncIterable<Buffer>;
  }

  async function* lines(): AsyncGenerator<LogLine> {
    let number = 0;
    let parts: Buffer[] = [];
    let kept = 0;
    let cut = false;
    const take = (piece: Buffer) => {
      if (kept >= maxLineBytes) {
        if (piece.length) cut = true;
        return;
      }
      const room = maxLineBytes - kept;
      if (piece.length > room) cut = true;
      const part = piece.length > room ? piece.subarray(0, room) : piece;
      // Copy: the chunk would otherwise stay alive as long as the line's slice does.
      parts.push(Buffer.from(part));
      kept += part.length;
    };
    const emit = (): LogLine => {
      let text = Buffer.concat(parts).toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      const line = { number: ++number, text, cut };
      parts = [];
      kept = 0;
      cut = false;
      return line;
    };
    for await (const chunk of decoded()) {
      bytes += chunk.length;
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        if (nl < 0) break;
        take(chunk.subarray(start, nl));
        yield emit();
        start = nl + 1;
      }
      if (start < chunk.length) take(chunk.subarray(start));
    }
    if (kept > 0 || cut) yield emit();
  }

  return { lines: lines(), encoding: () => encoding, bytes: () => bytes };
}
