/**
 * S3 in memory: objects by bucket and key, path-style REST. PutObject, GetObject, HeadObject,
 * DeleteObject, DeleteObjects and ListObjectsV2 (paged). A bucket exists once created
 * (`bucket(name)`, the `buckets` option) or written to; reading or listing any other is
 * `NoSuchBucket` 404 ("Error responses", https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 * The emulator does not model bucket policies, versions or storage classes.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { xml } from './http';

export interface S3Object {
  body: Buffer;
  etag: string;
  modified: Date;
}

export class S3Store {
  readonly objects = new Map<string, Map<string, S3Object>>();

  /** Creates a bucket (empty) if it is not there. */
  bucket(name: string): Map<string, S3Object> {
    let b = this.objects.get(name);
    if (!b) this.objects.set(name, (b = new Map()));
    return b;
  }

  /** Writes an object (tests seed extracts with this). */
  put(bucket: string, key: string, body: string | Buffer): void {
    const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.bucket(bucket).set(key, { body: data, etag: `"${createHash('md5').update(data).digest('hex')}"`, modified: new Date() });
  }

  get(bucket: string, key: string): Buffer | undefined {
    return this.objects.get(bucket)?.get(key)?.body;
  }

  delete(bucket: string, key: string): boolean {
    return this.objects.get(bucket)?.delete(key) ?? false;
  }

  /** Keys under a prefix, sorted as S3 lists them (UTF-8 binary order). */
  keys(bucket: string, prefix = ''): string[] {
    return [...(this.objects.get(bucket)?.keys() ?? [])].filter((k) => k.startsWith(prefix)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  /** `s3://bucket/prefix/` → the objects under it, as [key, body]. */
  under(location: string): [string, Buffer][] {
    const { bucket, key } = parseS3(location);
    return this.keys(bucket, key).map((k) => [k, this.get(bucket, k)!]);
  }

  /** Deletes every object under an `s3://` prefix; returns how many went. */
  deleteUnder(location: string): number {
    const { bucket, key } = parseS3(location);
    const keys = this.keys(bucket, key);
    for (const k of keys) this.delete(bucket, k);
    return keys.length;
  }
}

export function parseS3(location: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!m) throw new Error(`not an S3 location: ${location}`);
  return { bucket: m[1]!, key: m[2]! };
}

function sendXml(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/xml', ...headers });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

/** S3's error body: Code and Message (ErrorResponses, Amazon S3 API Reference). */
function s3Error(res: ServerResponse, status: number, code: string, message: string, extra = '', head = false): void {
  if (head) {
    res.writeHead(status);
    res.end();
    return;
  }
  sendXml(res, status, `<Error><Code>${code}</Code><Message>${xml(message)}</Message>${extra}<RequestId>${res.getHeader('x-amz-request-id') ?? ''}</RequestId></Error>`);
}

/** Undoes `aws-chunked` content encoding (the SDK's streaming checksum upload): `<hex size>[;ext]\r\n<data>\r\n` … `0\r\n<trailers>`. */
function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let i = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', i);
    if (eol < 0) break;
    const size = parseInt(body.subarray(i, eol).toString('latin1').split(';')[0]!, 16);
    if (!size) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    i = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

export function s3Handler(store: S3Store, record: (target: string, body: Record<string, unknown>) => void) {
  return (req: IncomingMessage, raw: Buffer, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://local');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const q = url.searchParams;
    const method = req.method ?? 'GET';
    if (method !== 'PUT' && !store.objects.has(bucket)) {
      record(`S3.${method}`, { bucket, key });
      return s3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', `<BucketName>${xml(bucket)}</BucketName>`, method === 'HEAD');
    }
    if (method === 'GET' && q.get('list-type') === '2') {
      // ListObjectsV2: at most MaxKeys (default and maximum 1,000) a page, NextContinuationToken while IsTruncated
      // ("ListObjectsV2", Amazon S3 API Reference, https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html).
      const prefix = q.get('prefix') ?? '';
      const max = Math.min(1000, q.has('max-keys') ? Number(q.get('max-keys')) : 1000);
      const token = q.get('continuation-token');
      const after = token ? Buffer.from(token, 'base64url').toString('utf8') : (q.get('start-after') ?? '');
      record('S3.ListObjectsV2', { bucket, prefix, max, token });
      if (token && !after) return s3Error(res, 400, 'InvalidArgument', 'The continuation token provided is incorrect');
      const all = store.keys(bucket, prefix).filter((k) => !after || Buffer.compare(Buffer.from(k), Buffer.from(after)) > 0);
      const page = all.slice(0, max);
      const truncated = all.length > page.length;
      const objects = store.objects.get(bucket);
      const contents = page.map((k) => {
        const o = objects!.get(k)!;
        return `<Contents><Key>${xml(k)}</Key><LastModified>${o.modified.toISOString()}</LastModified><ETag>${xml(o.etag)}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      });
      const next = truncated ? `<NextContinuationToken>${Buffer.from(page[page.length - 1]!).toString('base64url')}</NextContinuationToken>` : '';
      return sendXml(
        res,
        200,
        `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${token ? `<ContinuationToken>${xml(token)}</ContinuationToken>` : ''}${next}${contents.join('')}</ListBucketResult>`,
      );
    }
    if (method === 'POST' && q.has('delete')) {
      const text = raw.toString('utf8');
      const keys = [...text.matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((m) =>
        m[1]!
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&'),
      );
      record('S3.DeleteObjects', { bucket, keys });
      for (const k of keys) store.delete(bucket, k);
      const quiet = /<Quiet>true<\/Quiet>/.test(text);
      return sendXml(res, 200, `<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${quiet ? '' : keys.map((k) => `<Deleted><Key>${xml(k)}</Key></Deleted>`).join('')}</DeleteResult>`);
    }
    if (method === 'PUT' && key) {
      const chunked = /aws-chunked/.test(String(req.headers['content-encoding'] ?? '')) || req.headers['x-amz-decoded-content-length'] !== undefined;
      const body = chunked ? dechunk(raw) : raw;
      record('S3.PutObject', { bucket, key, size: body.length });
      store.put(bucket, key, body);
      res.writeHead(200, { etag: store.objects.get(bucket)!.get(key)!.etag });
      res.end();
      return;
    }
    if (method === 'DELETE' && key) {
      // DeleteObject answers 204 whether or not the key existed.
      record('S3.DeleteObject', { bucket, key });
      store.delete(bucket, key);
      res.writeHead(204);
      res.end();
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && key) {
      record(method === 'GET' ? 'S3.GetObject' : 'S3.HeadObject', { bucket, key });
      const o = store.objects.get(bucket)?.get(key);
      // A missing key is 404 NoSuchKey ("GetObject", https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html;
      // "Error responses", https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html); HEAD has no body, so the SDK names it NotFound.
      if (!o) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.', `<Key>${xml(key)}</Key>`, method === 'HEAD');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(o.body.length), etag: o.etag, 'last-modified': o.modified.toUTCString() });
      res.end(method === 'HEAD' ? undefined : o.body);
      return;
    }
    return s3Error(res, 405, 'MethodNotAllowed', `The emulator does not implement ${method} ${url.pathname}${url.search}`);
  };
}
