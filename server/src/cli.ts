/** The `tablespec` command: `check` for CI, and the operations on an environment. */
import { processOutput, version, type Output } from './cli/output';
import { useLocale } from './core/locale';

const operations = ['plan', 'deploy', 'load', 'reconcile', 'preview', 'profile', 'history'] as const;

export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  // Messages in Korean with TABLESPEC_LOCALE=ko; English otherwise (CI logs stay comparable whatever LANG a machine has).
  useLocale(process.env.TABLESPEC_LOCALE);
  const [command, ...rest] = argv;
  // A command's code is loaded when it runs: `check` (in CI, on large workspaces) does not load the AWS, DuckDB and Oracle clients.
  if (command === 'check') return (await import('./cli/check-command')).checkCommand(rest, output);
  if (command === 'import') return (await import('./cli/import-command')).importCommand(rest, output);
  if (command === 'extract') return (await import('./cli/extract-command')).extractCommand(rest, output);
  if (command === 'report') return (await import('./cli/report-command')).reportCommand(rest, output);
  if (command === 'scan') return (await import('./cli/scan-command')).scanCommand(rest, output);
  if (command === 'verify') return (await import('./cli/verify-command')).verifyCommand(rest, output);
  if ((operations as readonly string[]).includes(command ?? '')) return (await import('./cli/ops-command')).opsCommand(command as (typeof operations)[number], rest, output);
  if (command === '--version') {
    output.out(version);
    return 0;
  }
  const usage = await usages();
  if (command === '--help' || command === '-h') {
    output.out(usage);
    return 0;
  }
  output.err(`${command ? `tablespec: unknown command '${command}'.\n\n` : ''}${usage}`);
  return 2;
}

/** Every command's usage, for --help. */
async function usages(): Promise<string> {
  const [check, ops, imp, extract, report, scan, verify] = await Promise.all([import('./cli/check-command'), import('./cli/ops-command'), import('./cli/import-command'), import('./cli/extract-command'), import('./cli/report-command'), import('./cli/scan-command'), import('./cli/verify-command')]);
  return `${check.checkUsage}\n\n${ops.opsUsage}\n\n${imp.importUsage}\n\n${extract.extractUsage}\n\n${report.reportUsage}\n\n${scan.scanUsage}\n\n${verify.verifyUsage}`;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
