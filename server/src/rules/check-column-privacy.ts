/**
 * Personal data in a column: declared with `pii` or detected from the name and comment. Data the law
 * requires encrypted (RRN, passport, licence, alien registration, card and account numbers, passwords)
 * without `encrypt` is a warning; other personal data (phone, e-mail, address, name, birth date) an
 * information. Passwords need a one-way hash.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Fix, type Problem } from '../core/problem';
import { addKey, addKeys, isMap } from '../document/yaml-edits';
import { get, str, type YNode } from '../document/yaml-node';
import { detectColumn, piiLabels, sensitiveKinds, type PiiKind } from './detect-pii';

export interface ColumnPrivacy {
  pii?: PiiKind | 'none';
  encrypt?: 'sha256' | 'kms';
}

export function checkColumnPrivacy(text: string, column: YNode, defaultEncrypt: 'sha256' | 'kms', problems: Problem[]): ColumnPrivacy {
  const piiValue = str(get(column, 'pii'));
  // An unknown `pii` value is the schema's to report; guessing a kind on top of it would only add noise.
  if (piiValue !== undefined && piiValue !== 'none' && !(piiValue in piiLabels)) return {};
  const declared = piiValue as PiiKind | 'none' | undefined;
  const encryptNode = get(column, 'encrypt');
  const encryptValue = encryptNode?.kind === 'scalar' ? encryptNode.value : undefined;
  const encrypt = encryptValue === true ? defaultEncrypt : encryptValue === 'sha256' || encryptValue === 'kms' ? encryptValue : undefined;
  const name = str(get(column, 'name'));
  const comment = str(get(column, 'comment'));
  const source = str(get(column, 'source'));
  const found = declared === undefined || declared === 'none' ? detectColumn(name, source, comment) : undefined;
  const anchorOf = (from: 'name' | 'source' | 'comment') => get(column, from) ?? get(column, 'name') ?? column;
  // A card verification code may not be kept at all, encrypted or not (PCI DSS v4.0 requirement 3.3.1.2):
  // only `pii: none` (someone checked: it is not one) silences it.
  if (found?.kind === 'cvc' && declared !== 'none') {
    problems.push(
      problem(
        'card-security-code-stored',
        'error',
        anchorOf(found.from),
        l10n.t(
          '`{0}` looks like a card verification code (CVC/CVV), which must not be stored after authorisation, not even encrypted (PCI DSS 3.3.1.2): drop the column, or set `pii: none` if it is not one.',
          name ?? l10n.t('column'),
        ),
      ),
    );
    return {};
  }
  const detected = declared === undefined && found && found.kind !== 'cvc' ? { kind: found.kind, from: found.from } : undefined;
  const kind = declared ?? detected?.kind;
  const result: ColumnPrivacy = {};
  if (kind) result.pii = kind;
  if (encrypt) result.encrypt = encrypt;
  if (!kind || kind === 'none' || !(kind in piiLabels)) return result;

  if (kind === 'password' && encrypt === 'kms' && encryptNode) {
    problems.push(
      problem(
        'password-not-hashed',
        'warning',
        encryptNode,
        l10n.t('Passwords must be stored as a one-way hash (개인정보의 안전성 확보조치 기준 §7): use `encrypt: sha256`, not reversible KMS encryption.'),
        [{ title: l10n.t('Use `encrypt: sha256`'), edits: [{ start: encryptNode.start, end: encryptNode.end, newText: 'sha256' }], preferred: true }],
      ),
    );
  }
  if (encrypt) return result;

  const sensitive = sensitiveKinds.has(kind as PiiKind);
  const anchor = get(column, 'pii') ?? (detected ? anchorOf(detected.from) : (get(column, 'name') ?? column));
  const label = piiLabels[kind as PiiKind]();
  const columnName = name ?? l10n.t('column');
  const method = kind === 'password' ? 'sha256' : defaultEncrypt;
  const fixes: Fix[] = [];
  if (isMap(column)) {
    const edits = [];
    const added: [string, string][] = declared ? [] : [['pii', kind]];
    if (encryptNode) edits.push({ start: encryptNode.start, end: encryptNode.end, newText: method });
    else added.push(['encrypt', method]);
    if (added.length) edits.push(addKeys(text, column, added));
    fixes.push({ title: declared ? l10n.t('Add `encrypt: {0}`', method) : l10n.t('Mark as `pii: {0}` and `encrypt: {1}`', kind, method), edits, preferred: true });
    if (!declared) fixes.push({ title: l10n.t('Mark as not personal data (`pii: none`)'), edits: [addKey(text, column, 'pii', 'none')] });
  }
  // Whole sentences for each case, so that each reads naturally in Korean too.
  if (sensitive) {
    const message = declared
      ? l10n.t('`{0}` is marked `pii: {1}`, which must be encrypted at rest (개인정보 보호법, 안전성 확보조치 기준 §7): set `encrypt`.', columnName, kind)
      : l10n.t('`{0}` looks like a {1}, which must be encrypted at rest (개인정보 보호법, 안전성 확보조치 기준 §7): set `encrypt`, or `pii: none` if it is not personal data.', columnName, label);
    problems.push(problem('pii-not-encrypted', 'warning', anchor, message, fixes));
  } else {
    const message = declared
      ? l10n.t('`{0}` is marked `pii: {1}`; most policies encrypt or mask it: consider `encrypt`.', columnName, kind)
      : l10n.t('`{0}` looks like a {1}; most policies encrypt or mask it: consider `encrypt`, or `pii: none` if it is not personal data.', columnName, label);
    problems.push(problem('personal-data-not-encrypted', 'info', anchor, message, fixes));
  }
  return result;
}
