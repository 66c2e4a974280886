/**
 * How a failed Athena query looks: `Status.State` FAILED, `StateChangeReason` "<CODE>: <message>",
 * and `Status.AthenaError` {ErrorCategory 1 system / 2 user / 3 other, ErrorType, Retryable, ErrorMessage}
 * ("AthenaError - Amazon Athena", https://docs.aws.amazon.com/athena/latest/APIReference/API_AthenaError.html ;
 * error types from "Athena error catalog", https://docs.aws.amazon.com/athena/latest/ug/error-reference.html :
 * 233 Iceberg error, 1000 user error, 1001/1002 data error, 1003 DDL task failed).
 */
export interface AthenaErrorSpec {
  /** The Trino/Athena error code that prefixes the reason (SYNTAX_ERROR, ICEBERG_COMMIT_ERROR …). */
  errorType?: string;
  message: string;
  category?: 1 | 2 | 3;
  /** The numeric ErrorType of the error catalog. */
  type?: number;
  retryable?: boolean;
}

export class AthenaFailure extends Error {
  readonly code: string;
  readonly category: 1 | 2 | 3;
  readonly type: number;
  readonly retryable: boolean;
  constructor(code: string, message: string, opts: { category?: 1 | 2 | 3; type?: number; retryable?: boolean } = {}) {
    super(message);
    this.code = code;
    this.category = opts.category ?? 2;
    this.type = opts.type ?? 1000;
    this.retryable = opts.retryable ?? false;
  }

  /** The reason line Athena shows: "SYNTAX_ERROR: line 1:8: …". */
  get reason(): string {
    return this.code ? `${this.code}: ${this.message}` : this.message;
  }

  static from(spec: AthenaErrorSpec): AthenaFailure {
    return new AthenaFailure(spec.errorType ?? 'GENERIC_INTERNAL_ERROR', spec.message, {
      ...(spec.category ? { category: spec.category } : {}),
      ...(spec.type !== undefined ? { type: spec.type } : {}),
      ...(spec.retryable !== undefined ? { retryable: spec.retryable } : {}),
    });
  }
}

/** Shorthands for the failures the rules raise. */
export const fail = {
  syntax: (line: number, col: number, message: string) => new AthenaFailure('SYNTAX_ERROR', `line ${line}:${col}: ${message}`),
  notSupported: (message: string) => new AthenaFailure('NOT_SUPPORTED', message),
  param: (message: string) => new AthenaFailure('INVALID_PARAMETER_USAGE', message),
  notFound: (line: number, col: number, what: string) => new AthenaFailure('TABLE_NOT_FOUND', `line ${line}:${col}: Table '${what}' does not exist`),
  ddl: (message: string) => new AthenaFailure('', `FAILED: ${message}`, { type: 1003 }),
};
