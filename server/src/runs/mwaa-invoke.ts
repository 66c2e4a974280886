/**
 * Amazon MWAA's InvokeRestApi, called as its API reference describes: REST-JSON `POST /restapi/{Name}`
 * on the environment endpoint (`env.airflow.<region>.amazonaws.com`), body `{Path, Method,
 * QueryParameters, Body}`, answer `{RestApiStatusCode, RestApiResponse}`, signed with SigV4 for the
 * service `airflow` ("InvokeRestApi", Amazon MWAA API Reference,
 * https://docs.aws.amazon.com/mwaa/latest/API/API_InvokeRestApi.html). The SDK client of this
 * repository predates the operation, so the request is built here; the credentials and region come
 * from the SDK's own provider chain (profiles, SSO, environment, instance roles).
 *
 * Limits ("Using the Apache Airflow REST API", Amazon MWAA User Guide,
 * https://docs.aws.amazon.com/mwaa/latest/userguide/access-mwaa-apache-airflow-rest-api.html): a call
 * ends after 10 seconds, an answer is at most 6 MB, and Path is at most 64 characters.
 * Airflow's 4xx come back as RestApiClientException, its 5xx as RestApiServerException, both carrying
 * RestApiStatusCode and RestApiResponse: they are handed on as Airflow's own replies.
 */
import { createHash, createHmac } from 'node:crypto';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { SignatureV4 } from '@smithy/signature-v4';
import * as l10n from '@vscode/l10n';
import { AirflowError, type AirflowReply, type AirflowTransport, type ApiVersion } from './airflow-api';

export const MWAA_MAX_PATH = 64;
// The client gives up a little after the service would have (10 s).
const TIMEOUT_MS = 15_000;

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the signer takes. */
type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): Buffer | string => (typeof d === 'string' ? d : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d));

class Sha256 {
  private hash;
  constructor(secret?: Data) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    throw new Error('not used by the signer');
  }
}

export interface MwaaOptions {
  name: string;
  version: ApiVersion;
  region: () => Promise<string>;
  credentials: () => Promise<AwsCredentialIdentity>;
  /** TABLESPEC_AWS_ENDPOINT: every call elsewhere (the tests' emulator). */
  endpoint?: string;
}

export function mwaaTransport(o: MwaaOptions): AirflowTransport {
  return {
    version: o.version,
    describe: `MWAA ${o.name}`,
    maxPathChars: MWAA_MAX_PATH,
    async call(method, path, query, body): Promise<AirflowReply> {
      const region = await o.region();
      const url = new URL(o.endpoint ?? `https://env.airflow.${region}.amazonaws.com`);
      const payload = JSON.stringify({ Path: path, Method: method, ...(query ? { QueryParameters: query } : {}), ...(body !== undefined ? { Body: body } : {}) });
      const signer = new SignatureV4({ service: 'airflow', region, credentials: o.credentials, sha256: Sha256 });
      const request = await signer.sign({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: `/restapi/${encodeURIComponent(o.name)}`,
        query: {},
        headers: { host: url.host, 'content-type': 'application/json' },
        body: payload,
      });
      let res: Response;
      try {
        res = await fetch(`${url.origin}${request.path}`, { method: 'POST', headers: request.headers, body: payload, signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (e) {
        if ((e as Error).name === 'TimeoutError') throw new AirflowError('timeout', l10n.t('MWAA did not answer within {0} seconds.', String(TIMEOUT_MS / 1000)));
        throw new AirflowError('unavailable', l10n.t('Cannot reach MWAA at {0}: {1}', url.origin, (e as Error).message));
      }
      const text = await res.text();
      let out: Record<string, unknown> = {};
      try {
        out = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        // Not JSON: the status and the error type header say what happened.
      }
      if (res.ok) return { status: Number(out.RestApiStatusCode ?? 200), body: out.RestApiResponse };
      const type = (res.headers.get('x-amzn-errortype') ?? String(out.__type ?? out.code ?? '')).split(':')[0]!.split('#').pop()!;
      const message = String(out.Message ?? out.message ?? '');
      if (type === 'RestApiClientException' || type === 'RestApiServerException')
        return { status: Number(out.RestApiStatusCode ?? (type === 'RestApiClientException' ? 400 : 500)), body: out.RestApiResponse };
      if (type === 'ExpiredTokenException' || type === 'ExpiredToken') throw new AirflowError('expired', l10n.t('The AWS credentials expired: sign in again (for an SSO profile, `aws sso login`).'));
      if (type === 'AccessDeniedException' || res.status === 403)
        throw new AirflowError('auth', l10n.t('MWAA denied InvokeRestApi on {0}: the role needs airflow:InvokeRestApi and an Airflow role on the environment. {1}', o.name, message));
      if (type === 'ResourceNotFoundException') throw new AirflowError('not-found', l10n.t('There is no MWAA environment {0} in {1}.', o.name, region));
      // The 6 MB and 10-second limits: the documentation names no error type for them, so their message decides.
      if (/\b6 ?MB\b|payload|too large|size/i.test(message)) throw new AirflowError('too-large', l10n.t('MWAA refused an answer over 6 MB for {0}.', path));
      if (/time(d)? ?out|10 seconds/i.test(message)) throw new AirflowError('timeout', l10n.t('MWAA ended the call to {0} after 10 seconds.', path));
      throw new AirflowError('other', l10n.t('MWAA answered {0} ({1}): {2}', type || String(res.status), String(res.status), message.slice(0, 300)));
    },
  };
}
