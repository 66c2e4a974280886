/**
 * The language of the server's messages. English is the source text; Korean comes from
 * l10n/server/bundle.l10n.ko.json (written by hand, keys exported from the code by `npm run l10n`),
 * merged with yaml-language-server's own Korean bundle for the messages it gives on tablespec.yaml.
 * Both bundles are compiled into the server, so no file is looked up at run time.
 */
import * as l10n from '@vscode/l10n';
import tableSpecKorean from '../../../l10n/server/bundle.l10n.ko.json';
import yamlServerKorean from 'yaml-language-server/l10n/bundle.l10n.ko.json';

/** Korean for `ko`, `ko-KR`, `ko_KR.UTF-8`; English for anything else. */
export function isKorean(locale: string | undefined): boolean {
  return /^ko(?:$|[-_.])/i.test(locale ?? '');
}

let generation = 0;

/** A number that changes with each useLocale: caches of messages compare it to know theirs are in the language of the moment. */
export function localeGeneration(): number {
  return generation;
}

/** Sets the language of every message made after this call (the checks' caches must be empty or in the same language). */
export function useLocale(locale: string | undefined): 'ko' | 'en' {
  generation++;
  if (isKorean(locale)) {
    l10n.config({ contents: { ...yamlServerKorean, ...tableSpecKorean } });
    return 'ko';
  }
  l10n.config({ contents: {} });
  return 'en';
}
