/**
 * A task try's log from the Airflow REST API, as a stream of text: `GET …/logs/{try}?full_content=false`
 * and then the continuation token each answer gives, until an answer brings no more lines
 * ("Get logs", Airflow REST API, https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#operation/get_log).
 * Airflow 2 answers text, Airflow 3 a list of structured messages (`{event, …}`) or of strings.
 * Each chunk is handed on as it comes, never joined: a long log is never held whole.
 */
import { AirflowError, fits, pathTooLong, replyError, type AirflowTransport } from './airflow-api';

// A bound on chunks, for a server whose token never ends (an answer that repeats itself).
const MAX_CHUNKS = 100_000;

export function taskLogPath(dagId: string, runId: string, taskId: string, tryNumber: number): string {
  return `/dags/${encodeURIComponent(dagId)}/dagRuns/${encodeURIComponent(runId)}/taskInstances/${encodeURIComponent(taskId)}/logs/${tryNumber}`;
}

function lines(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((m) => (typeof m === 'string' ? m : typeof m === 'object' && m && 'event' in m ? String((m as { event: unknown }).event) : JSON.stringify(m))).join('\n');
  return '';
}

/** The try's log, chunk by chunk; throws AirflowError when the path cannot be called or Airflow refuses. */
export async function* taskLog(api: AirflowTransport, dagId: string, runId: string, taskId: string, tryNumber: number): AsyncGenerator<string> {
  const path = taskLogPath(dagId, runId, taskId, tryNumber);
  if (!fits(api, path)) throw pathTooLong(api, path);
  let token: string | undefined;
  for (let n = 0; n < MAX_CHUNKS; n++) {
    const reply = await api.call('GET', path, { full_content: 'false', ...(token ? { token } : {}) });
    if (reply.status !== 200) throw replyError(reply, path);
    const body = (reply.body ?? {}) as { content?: unknown; continuation_token?: unknown };
    const text = lines(body.content);
    if (text) yield text.endsWith('\n') ? text : `${text}\n`;
    const next = typeof body.continuation_token === 'string' && body.continuation_token ? body.continuation_token : undefined;
    if (!text || !next || next === token) return;
    token = next;
  }
  throw new AirflowError('other', `${path}: more than ${MAX_CHUNKS} log chunks`);
}
