/** What every command line does first: read its options (or print its usage), and find the specs it works on. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { findSpecFiles } from '../workspace/find-files';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed options and positionals, or undefined after printing what is wrong and the usage (exit 2). */
export function parseOrUsage<O extends Options>(
  argv: string[],
  options: O,
  usage: string,
  err: (s: string) => void,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>> | undefined {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true });
  } catch (e) {
    err(`tablespec: ${(e as Error).message}\n\n${usage}`);
    return undefined;
  }
}

/** The specs under the given paths (the current folder by default), or undefined after saying there are none. */
export function specFilesOr(positionals: string[], err: (s: string) => void): string[] | undefined {
  const files = findSpecFiles(positionals.length ? positionals : ['.']);
  if (files.length) return files;
  err('tablespec: no *.table.yaml files found.');
  return undefined;
}

/** The value of `--format text|json`, or undefined after saying what was given instead (exit 2). */
export function textOrJson(format: unknown, err: (s: string) => void): 'text' | 'json' | undefined {
  if (format === 'text' || format === 'json') return format;
  err(`tablespec: --format must be text or json; got '${String(format)}'.`);
  return undefined;
}
