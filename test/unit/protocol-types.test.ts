/**
 * The protocol's types tie the two sides together: `npm run typecheck` compiles this file, so a change of
 * shape on one side that the other relies on fails to compile here (and in lsp/commands.ts, whose replies
 * are typed by the protocol, and in the client, whose calls are). The runtime part checks `conforms`, which the
 * wire tests (test/lsp/protocol.test.ts) and the server's parameter check rely on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { runServerCommand } from '../../client/src/server-command';
import type { ResultMessage } from '../../client/src/results-panel';
import type { oracleAccess } from '../../client/src/oracle-access';
import type { FailureKind, OperationError } from '../../server/src/backends/errors';
import type { CommandHost } from '../../server/src/lsp/commands';
import type { OperationResult } from '../../server/src/commands/run-operation';
import type { runVerify } from '../../server/src/commands/run-verify';
import type { ScanReport } from '../../server/src/ops/scan';
import type { Report } from '../../server/src/ops/report';
import type { HistoryEntry } from '../../server/src/ops/history';
import type { ImportedFile } from '../../server/src/oracle/import-specs';
import type { ExtractConfig } from '../../server/src/oracle/extract-config';
import type { PreviewReport } from '../../server/src/ops/preview';
import type { OracleAccessRequest as ServerOracleRequest } from '../../server/src/lsp/live-sources';
import type { Catalog } from '../../server/src/catalog/catalog';
import {
  conforms,
  type CommandName,
  type CommandParams,
  type CommandResult,
  type ConfirmationAsk,
  type ErrorData,
  type ErrorKind,
  type OracleAccessRequest,
  type PageMessage,
} from '../../server/src/protocol';
import * as s from '../../server/src/protocol/shape';
import { mapAwsError } from '../../server/src/backends/aws/aws-errors';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when `T` is true. */
const expect = <T extends true>(): T => true as T;
type Result<C extends CommandName> = CommandResult<C>['result' & keyof CommandResult<C>];
type Fits<A, B> = A extends B ? true : false;

// The server's failures are the protocol's error kinds (and the protocol's `untrusted`, which only the LSP layer raises).
expect<Equal<FailureKind | 'untrusted', ErrorKind>>();
expect<Fits<NonNullable<OperationError['ask']>, ConfirmationAsk>>();
expect<Fits<{ kind: FailureKind; detail?: string; ask?: ConfirmationAsk; command?: string }, ErrorData>>();

// What the operations return fits what the protocol says the server sends.
expect<Fits<Extract<OperationResult, { operation: 'deploy' }>['result'], Result<'tablespec.server.deploy'>>>();
expect<Fits<Extract<OperationResult, { operation: 'load' }>['result'], Result<'tablespec.server.load'>>>();
expect<Fits<Extract<OperationResult, { operation: 'reconcile' }>['result'], Result<'tablespec.server.reconcile'>>>();
expect<Fits<Extract<OperationResult, { operation: 'profile' }>['result'], Result<'tablespec.server.profile'>>>();
expect<Fits<Omit<PreviewReport, 'more'>, Result<'tablespec.server.preview'>>>();
expect<Fits<Awaited<ReturnType<typeof runVerify>>['result'], Result<'tablespec.server.verify'>>>();
expect<Fits<ScanReport, CommandResult<'tablespec.server.scan'>>>();
expect<Fits<Report, CommandResult<'tablespec.server.report'>['report']>>();
expect<Fits<HistoryEntry[], CommandResult<'tablespec.server.history'>>>();
expect<Fits<ImportedFile, CommandResult<'tablespec.server.import'>['files'][number]>>();
expect<Fits<ExtractConfig & { markdown: string }, CommandResult<'tablespec.server.extract'>>>();
expect<Fits<Awaited<ReturnType<CommandHost['refreshCatalog']>>, CommandResult<'tablespec.server.refreshCatalog'>>>();
expect<Fits<Catalog['state'], 'live' | 'cached' | 'offline' | 'snapshot'>>();

// The client calls with the protocol's parameters and reads the protocol's results; the panel posts the page's messages.
expect<Equal<Parameters<typeof runServerCommand<'tablespec.server.load'>>[2], CommandParams<'tablespec.server.load'>>>();
expect<Equal<Awaited<ReturnType<typeof runServerCommand<'tablespec.server.planText'>>>, CommandResult<'tablespec.server.planText'> | undefined>>();
expect<Equal<ResultMessage, PageMessage>>();
expect<Equal<ServerOracleRequest, OracleAccessRequest>>();
expect<Equal<Parameters<ReturnType<typeof oracleAccess>>[0], OracleAccessRequest>>();

describe('protocol shapes', () => {
  const change = s.object({ kind: s.literal('add-column', 'drop-column'), target: s.string, note: s.optional(s.string), rows: s.nullable(s.number) });

  it('infers the type a shape describes', () => {
    expect<Equal<s.Infer<typeof change>, { kind: 'add-column' | 'drop-column'; target: string; note?: string | undefined; rows: number | null }>>();
    expect<Equal<s.Infer<ReturnType<typeof s.record<typeof s.number>>>, Record<string, number>>>();
  });

  it('finds where a value differs from its shape, field by field', () => {
    assert.deepEqual(conforms({ kind: 'add-column', target: 'a', rows: null }, change), []);
    assert.deepEqual(conforms({ kind: 'add-column', target: 'a', rows: 1, extra: true }, change), [], 'a field the shape does not name is allowed');
    assert.deepEqual(conforms({ kind: 'rename', target: 1, note: 2 }, change), [
      '$.kind: expected one of add-column, drop-column, got "rename"',
      '$.target: expected a string, got number',
      '$.note: expected a string, got number',
      '$.rows: missing',
    ]);
    assert.deepEqual(conforms([{ kind: 'add-column', target: 'a', rows: 'x' }], s.array(change)), ['$[0].rows: expected a number, got "x"']);
    assert.deepEqual(conforms({ a: 1, b: 'x' }, s.record(s.number)), ['$.b: expected a number, got "x"']);
    assert.deepEqual(conforms(null, change), ['$: expected an object, got null']);
  });
});

describe('failures as data', () => {
  it('an expired or missing AWS session says the command that fixes it, for the Copy button', () => {
    const expired = mapAwsError({ name: 'ExpiredTokenException', message: 'The security token included in the request is expired' }, 'card-dev', 'Glue GetTable');
    assert.deepEqual([expired.kind, expired.command], ['expired-session', 'aws sso login --profile card-dev']);
    const none = mapAwsError({ name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' }, undefined, 'Glue GetTable');
    assert.deepEqual([none.kind, none.command], ['no-credentials', 'aws sso login']);
    const denied = mapAwsError({ name: 'AccessDeniedException', message: 'no' }, 'card-dev', 'Glue GetTable');
    assert.deepEqual([denied.kind, denied.command], ['access-denied', undefined]);
  });
});
