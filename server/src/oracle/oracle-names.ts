/**
 * Names in the Oracle SQL TableSpec generates (the count query, the Sqoop and Spark extraction queries).
 * Every name is checked against Oracle's rules before it is written (Oracle Database SQL Language
 * Reference, "Database Object Names and Qualifiers"): a nonquoted identifier starts with a letter and holds
 * only letters, digits, `_`, `$` and `#`, and is not a reserved word; a quoted identifier may hold any
 * character except `"` and NUL (there is no way to escape a `"` inside one); either is 1 to 128 bytes.
 */
import * as l10n from '@vscode/l10n';
import { SqlSafetyError } from '../sql/identifiers';

// Oracle Database SQL Language Reference, "Oracle SQL Reserved Words" (V$RESERVED_WORDS, RESERVED = 'Y').
const reserved = new Set(
  `ACCESS ADD ALL ALTER AND ANY AS ASC AUDIT BETWEEN BY CHAR CHECK CLUSTER COLUMN COLUMN_VALUE COMMENT COMPRESS CONNECT CREATE CURRENT DATE DECIMAL DEFAULT DELETE DESC DISTINCT DROP ELSE EXCLUSIVE EXISTS FILE FLOAT FOR FROM GRANT GROUP HAVING IDENTIFIED IMMEDIATE IN INCREMENT INDEX INITIAL INSERT INTEGER INTERSECT INTO IS LEVEL LIKE LOCK LONG MAXEXTENTS MINUS MLSLABEL MODE MODIFY NESTED_TABLE_ID NOAUDIT NOCOMPRESS NOT NOWAIT NULL NUMBER OF OFFLINE ON ONLINE OPTION OR ORDER PCTFREE PRIOR PUBLIC RAW RENAME RESOURCE REVOKE ROW ROWID ROWNUM ROWS SELECT SESSION SET SHARE SIZE SMALLINT START SUCCESSFUL SYNONYM SYSDATE TABLE THEN TO TRIGGER UID UNION UNIQUE UPDATE USER VALIDATE VALUES VARCHAR VARCHAR2 VIEW WHENEVER WHERE WITH`.split(
    ' ',
  ),
);

const nonquoted = /^[A-Za-z][A-Za-z0-9_$#]*$/;
const maxBytes = 128;

function refuse(name: string, why: string): never {
  // Control characters shown as escapes, so that the message itself stays one readable line.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const shown = name.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  throw new SqlSafetyError(l10n.t('The Oracle name `{0}` cannot be used: {1}', shown, why));
}

function checkLength(name: string): void {
  if (!name) refuse(name, l10n.t('it is empty.'));
  if (Buffer.byteLength(name, 'utf8') > maxBytes) refuse(name, l10n.t('it is longer than 128 bytes.'));
}

/**
 * One Oracle identifier, as the spec names it (a source column): written bare when it is an upper-case
 * nonquoted name, else in double quotes (exactly that case), after the rules above.
 */
export function oracleIdent(name: string): string {
  checkLength(name);
  if (name.includes('"')) refuse(name, l10n.t('a quoted Oracle name cannot contain `"`.'));
  if (name.includes('\u0000')) refuse(name, l10n.t('it holds a NUL character.'));
  if (/^[A-Z][A-Z0-9_$#]*$/.test(name) && !reserved.has(name)) return name;
  return `"${name}"`;
}

/** One part of a written object name: `"Quoted"` as it is, or a nonquoted name (Oracle reads it in upper case). */
function objectPart(part: string, whole: string): string {
  if (part.startsWith('"')) {
    if (part.length < 2 || !part.endsWith('"')) refuse(whole, l10n.t('a quoted part is not closed.'));
    const inner = part.slice(1, -1);
    checkLength(inner);
    if (inner.includes('"')) refuse(whole, l10n.t('a quoted Oracle name cannot contain `"`.'));
    if (inner.includes('\u0000')) refuse(whole, l10n.t('it holds a NUL character.'));
    return part;
  }
  checkLength(part);
  if (!nonquoted.test(part)) refuse(whole, l10n.t('`{0}` is neither a nonquoted name (a letter, then letters, digits, `_`, `$`, `#`) nor a quoted one.', part));
  if (reserved.has(part.toUpperCase())) refuse(whole, l10n.t('`{0}` is an Oracle reserved word; write it in double quotes.', part));
  return part;
}

/** The first index of `char` outside double quotes, or -1. */
function outsideQuotes(text: string, char: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === char && !quoted) return i;
  }
  return -1;
}

/** Splits `a."b.c"` at the dots outside quotes. */
function splitDots(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/**
 * The spec's `source.object` as Oracle SQL: `[schema.]object[@dblink]`, each part checked. Parts keep the
 * case and quoting the spec gives them, since that is what names the object in Oracle.
 */
export function oracleObject(object: string): string {
  const text = object.trim();
  const at = outsideQuotes(text, '@');
  const name = at >= 0 ? text.slice(0, at) : text;
  const link = at >= 0 ? text.slice(at + 1) : undefined;
  const parts = splitDots(name);
  if (parts.length > 2) refuse(object, l10n.t('write it as OBJECT or SCHEMA.OBJECT.'));
  const out = parts.map((p) => objectPart(p, object)).join('.');
  if (link === undefined) return out;
  // A database link name: nonquoted parts separated by dots (Oracle, "Database Link Names").
  const linkParts = link.split('.');
  for (const p of linkParts) if (!nonquoted.test(p) || Buffer.byteLength(p, 'utf8') > maxBytes) refuse(object, l10n.t('`@{0}` is not a database link name.', link));
  return `${out}@${link}`;
}

// A hint body: words, numbers, parentheses, commas, dots, quoted names. `*/` would end the comment it lives in.
const hintBody = /^[A-Za-z0-9_$#(),.\s"]*$/;

/** Whether `hint` is a hint body that can go inside `/*+ … *\/` and end there. */
export const isHintBody = (hint: string): boolean => hintBody.test(hint);

/** An optimizer hint body for `/*+ … *\/`, refused when it could end the comment early. */
export function checkHint(hint: string): string {
  if (!isHintBody(hint)) throw new SqlSafetyError(l10n.t('The hint must be a hint body such as `PARALLEL(8)` or `FULL(t) INDEX(t pk_t)`: no `/*+`, `*/`, `;`, quotes or comments.'));
  return hint;
}
