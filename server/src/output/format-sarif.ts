/** SARIF 2.1.0, for code scanning in CI (GitHub, GitLab and Azure DevOps read it). */
import type { Log, Result } from 'sarif';
import type { LocatedProblem } from './located';

const level: Record<LocatedProblem['severity'], Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(problems: LocatedProblem[], version: string): string {
  const codes = [...new Set(problems.map((p) => p.code))].sort();
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'tablespec', version, informationUri: 'https://tablespec.dev', rules: codes.map((id) => ({ id, name: id })) } },
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: codes.indexOf(p.code),
          level: level[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: p.file.split('\\').join('/') },
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
