/** The `tablespec` command: `check` for CI, and the operations on an environment. */
import { checkCommand, checkUsage } from './cli/check-command';
import { opsCommand, opsUsage } from './cli/ops-command';
import { importCommand, importUsage } from './cli/import-command';
import { extractCommand, extractUsage } from './cli/extract-command';
import { reportCommand, reportUsage } from './cli/report-command';
import { scanCommand, scanUsage } from './cli/scan-command';
import { diagnoseCommand, diagnoseUsage } from './cli/diagnose-command';
import { dagCommand, dagUsage } from './cli/dag-command';
import { processOutput, version, type Output } from './cli/output';
import { useLocale } from './core/locale';

const operations = ['plan', 'deploy', 'load', 'reconcile', 'preview', 'profile', 'history'] as const;

export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  // Messages in Korean with TABLESPEC_LOCALE=ko; English otherwise (CI logs stay comparable whatever LANG a machine has).
  useLocale(process.env.TABLESPEC_LOCALE);
  const [command, ...rest] = argv;
  if (command === 'check') return checkCommand(rest, output);
  if (command === 'import') return importCommand(rest, output);
  if (command === 'extract') return extractCommand(rest, output);
  if (command === 'report') return reportCommand(rest, output);
  if (command === 'scan') return scanCommand(rest, output);
  if (command === 'diagnose') return diagnoseCommand(rest, output);
  if (command === 'dag') return dagCommand(rest, output);
  if ((operations as readonly string[]).includes(command ?? '')) return opsCommand(command as (typeof operations)[number], rest, output);
  if (command === '--version') {
    output.out(version);
    return 0;
  }
  if (command === '--help' || command === '-h') {
    output.out(`${checkUsage}\n\n${opsUsage}\n\n${importUsage}\n\n${extractUsage}\n\n${reportUsage}\n\n${scanUsage}\n\n${diagnoseUsage}\n\n${dagUsage}`);
    return 0;
  }
  output.err(`${command ? `tablespec: unknown command '${command}'.\n\n` : ''}${checkUsage}\n\n${opsUsage}\n\n${importUsage}\n\n${extractUsage}\n\n${reportUsage}\n\n${scanUsage}\n\n${diagnoseUsage}\n\n${dagUsage}`);
  return 2;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
