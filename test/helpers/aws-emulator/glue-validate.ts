/**
 * Glue's input constraints, as the API reference states them, checked the way an AWS JSON service
 * checks its model: a violated length or pattern is a `ValidationException` "1 validation error
 * detected: Value … at 'tableInput.…' failed to satisfy constraint: …".
 *
 * Sources (read for these rules):
 * - "Column - AWS Glue", https://docs.aws.amazon.com/glue/latest/webapi/API_Column.html :
 *   Name 1..255, Comment 0..255, Type 0..131072, all matching [\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*
 *   (no line breaks); Parameters keys 1..255, values at most 512000.
 * - "TableInput - AWS Glue", https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html :
 *   Name 1..255, Description 0..2048 (its pattern also allows \r and \n), Owner 1..255, Parameters keys
 *   1..255 / values ≤ 512000, ViewOriginalText/ViewExpandedText ≤ 409600, TableType ≤ 255.
 * - Lengths are counted in UTF-8 bytes: the developer guide's "Table API" page
 *   (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog-tables.html) states the same limits as
 *   "UTF-8 string, not less than 1 or more than 255 bytes long"; the API reference says "length". The
 *   emulator takes the stricter reading, so 255 Korean characters (765 bytes) are refused.
 * - "StorageDescriptor - AWS Glue", https://docs.aws.amazon.com/glue/latest/webapi/API_StorageDescriptor.html :
 *   Location ≤ 2056 (same pattern).
 */
import { JsonError } from './http';

/** The single-line pattern of Glue strings: printable characters and TAB, no CR/LF or other controls. */
const SINGLE_LINE = /^[\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF\t]*$/;

const PATTERN_TEXT = '[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*';

function fail(path: string, value: unknown, constraint: string): never {
  const shown = typeof value === 'string' && value.length > 64 ? `${value.slice(0, 64)}…` : String(value);
  throw new JsonError('ValidationException', `1 validation error detected: Value '${shown}' at '${path}' failed to satisfy constraint: ${constraint}`);
}

const MULTI_LINE = /^[\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF\r\n\t]*$/;

/** A string field: length bounds (in UTF-8 bytes) and the single-line (or multi-line) pattern. */
export function checkString(path: string, value: unknown, min: number, max: number, pattern: boolean | 'multi' = true): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') throw new JsonError('SerializationException', `Expected a string at ${path}`);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes < min) fail(path, value, `Member must have length greater than or equal to ${min}`);
  if (bytes > max) fail(path, value, `Member must have length less than or equal to ${max}`);
  if (pattern === 'multi' && !MULTI_LINE.test(value)) fail(path, value, `Member must satisfy regular expression pattern: ${PATTERN_TEXT.replace('\\t', '\\r\\n\\t')}`);
  if (pattern === true && !SINGLE_LINE.test(value)) fail(path, value, `Member must satisfy regular expression pattern: ${PATTERN_TEXT}`);
}

function checkParameters(path: string, params: unknown): void {
  if (params === undefined || params === null) return;
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    checkString(`${path}.key`, k, 1, 255);
    checkString(`${path}.${k}.member`, v, 0, 512000, false);
  }
}

interface ColumnIn {
  Name?: unknown;
  Type?: unknown;
  Comment?: unknown;
  Parameters?: unknown;
}

function checkColumns(path: string, columns: unknown): void {
  if (columns === undefined || columns === null) return;
  (columns as ColumnIn[]).forEach((c, i) => {
    const at = `${path}.${i + 1}.member`;
    if (c.Name === undefined) fail(`${at}.name`, 'null', 'Member must not be null');
    checkString(`${at}.name`, c.Name, 1, 255);
    checkString(`${at}.type`, c.Type, 0, 131072);
    checkString(`${at}.comment`, c.Comment, 0, 255);
    checkParameters(`${at}.parameters`, c.Parameters);
  });
}

/** Checks a TableInput (CreateTable, UpdateTable) against the Glue API model's constraints. */
export function validateTableInput(input: Record<string, unknown> | undefined): void {
  if (!input) fail('tableInput', 'null', 'Member must not be null');
  if (input.Name === undefined) fail('tableInput.name', 'null', 'Member must not be null');
  checkString('tableInput.name', input.Name, 1, 255);
  checkString('tableInput.description', input.Description, 0, 2048, 'multi');
  checkString('tableInput.owner', input.Owner, 1, 255);
  checkString('tableInput.tableType', input.TableType, 0, 255, false);
  checkString('tableInput.viewOriginalText', input.ViewOriginalText, 0, 409600, false);
  checkString('tableInput.viewExpandedText', input.ViewExpandedText, 0, 409600, false);
  checkParameters('tableInput.parameters', input.Parameters);
  checkColumns('tableInput.partitionKeys', input.PartitionKeys);
  const sd = input.StorageDescriptor as Record<string, unknown> | undefined;
  if (sd) {
    checkColumns('tableInput.storageDescriptor.columns', sd.Columns);
    checkString('tableInput.storageDescriptor.location', sd.Location, 0, 2056);
    checkParameters('tableInput.storageDescriptor.parameters', sd.Parameters);
  }
  // Read-only Table fields are not part of TableInput: the SDK would not serialise them, a raw caller gets this.
  for (const k of ['CreateTime', 'UpdateTime', 'VersionId', 'DatabaseName', 'CatalogId', 'CreatedBy', 'IsRegisteredWithLakeFormation']) {
    if (k in input) throw new JsonError('SerializationException', `Unknown field ${k} in TableInput`);
  }
}
