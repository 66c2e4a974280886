/** Where a command writes, so that tests can capture it. */
declare const TABLESPEC_VERSION: string | undefined;
export const version = typeof TABLESPEC_VERSION === 'string' ? TABLESPEC_VERSION : '0.0.0-dev';

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const processOutput: Output = {
  out: (s) => void process.stdout.write(s + '\n'),
  err: (s) => void process.stderr.write(s + '\n'),
};
