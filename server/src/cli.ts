/** The `tablespec` command: `check` for CI, and the operations on an environment. */
import { processOutput, version, type Output } from './cli/output';
import { useLocale } from './core/locale';

const operations = ['plan', 'deploy', 'load', 'reconcile', 'preview', 'profile', 'history'] as const;

// Each command's module is loaded when it runs: `check` (in CI, on large workspaces) and `diagnose` (on a
// 4 GB log) carry neither DuckDB's native library nor the AWS SDK.
const commands = {
  check: async () => ((m) => ({ run: m.checkCommand, usage: m.checkUsage }))(await import('./cli/check-command')),
  ops: async () => ((m) => ({ run: m.opsCommand, usage: m.opsUsage }))(await import('./cli/ops-command')),
  import: async () => ((m) => ({ run: m.importCommand, usage: m.importUsage }))(await import('./cli/import-command')),
  extract: async () => ((m) => ({ run: m.extractCommand, usage: m.extractUsage }))(await import('./cli/extract-command')),
  report: async () => ((m) => ({ run: m.reportCommand, usage: m.reportUsage }))(await import('./cli/report-command')),
  scan: async () => ((m) => ({ run: m.scanCommand, usage: m.scanUsage }))(await import('./cli/scan-command')),
  verify: async () => ((m) => ({ run: m.verifyCommand, usage: m.verifyUsage }))(await import('./cli/verify-command')),
  diagnose: async () => ((m) => ({ run: m.diagnoseCommand, usage: m.diagnoseUsage }))(await import('./cli/diagnose-command')),
  dag: async () => ((m) => ({ run: m.dagCommand, usage: m.dagUsage }))(await import('./cli/dag-command')),
  runs: async () => ((m) => ({ run: m.runsCommand, usage: m.runsUsage }))(await import('./cli/runs-command')),
};

/** Every command's usage, for --help. */
async function usages(): Promise<string> {
  return (await Promise.all(Object.values(commands).map(async (load) => (await load()).usage))).join('\n\n');
}

export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  // Messages in Korean with TABLESPEC_LOCALE=ko; English otherwise (CI logs stay comparable whatever LANG a machine has).
  useLocale(process.env.TABLESPEC_LOCALE);
  const [command, ...rest] = argv;
  if (command === 'check') return (await commands.check()).run(rest, output);
  if (command === 'import') return (await commands.import()).run(rest, output);
  if (command === 'extract') return (await commands.extract()).run(rest, output);
  if (command === 'report') return (await commands.report()).run(rest, output);
  if (command === 'scan') return (await commands.scan()).run(rest, output);
  if (command === 'verify') return (await commands.verify()).run(rest, output);
  if (command === 'diagnose') return (await commands.diagnose()).run(rest, output);
  if (command === 'dag') return (await commands.dag()).run(rest, output);
  if (command === 'runs') return (await commands.runs()).run(rest, output);
  if ((operations as readonly string[]).includes(command ?? '')) return (await commands.ops()).run(command as (typeof operations)[number], rest, output);
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

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
