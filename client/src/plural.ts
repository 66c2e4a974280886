/**
 * Plural-aware sentences: each form is a whole sentence translated on its own (`1 table`, `{0} tables`), and
 * the language's plural rule picks one (English: one for 1; Korean has a single form).
 */

/** The sentence for `n`: `one` where the language's rule says "one", `other` elsewhere. */
export function plural(language: string, n: number, one: string, other: string): string {
  let rule: Intl.PluralRules;
  try {
    rule = new Intl.PluralRules(language);
  } catch {
    rule = new Intl.PluralRules('en');
  }
  return rule.select(n) === 'one' ? one : other;
}
