/**
 * One Markdown failure report per incident, as the team hands it on: the table, the run, the task, the
 * cause, the evidence lines, the remedy and what was changed. Log text goes in code spans (whatever it
 * holds, it is never read as Markdown); the rest is escaped. The evidence was masked when it was read.
 */
import * as l10n from '@vscode/l10n';
import { escapeMarkdown } from '../core/markdown';
import { causes, type Incident } from './failed-task';

/** An inline code span that holds any text: the fence is longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || longest ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export interface ReportContext {
  environment: string;
  via: string;
  spec: string;
  /** What was changed, as the engineer says it (`--changed`). */
  changed?: string;
}

/** The report's file name: the DAG, the run and the task, in characters every file system takes. */
export function reportFileName(i: Incident): string {
  return `${i.dagId}__${i.runId}__${i.taskId}.md`.replace(/[^A-Za-z0-9._-]+/g, '_');
}

export function incidentMarkdown(i: Incident, ctx: ReportContext): string {
  const found = causes(i);
  const first = found[0];
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(l10n.t('Failed ingest: {0}.{1}', i.database, i.table))}`, '');
  out.push(`| | |`, `|---|---|`);
  out.push(`| ${l10n.t('Table')} | ${codeSpan(`${i.database}.${i.table}`)} (${cell(codeSpan(ctx.spec))}) |`);
  out.push(`| ${l10n.t('Environment')} | ${cell(escapeMarkdown(`${ctx.environment} (${ctx.via})`))} |`);
  out.push(`| ${l10n.t('DAG run')} | ${codeSpan(i.dagId)} / ${cell(codeSpan(i.runId))} |`);
  out.push(`| ${l10n.t('Task')} | ${codeSpan(i.taskId)} (${l10n.t('{0} tries', String(i.tryNumber))}) |`);
  if (i.step) {
    out.push(
      `| ${l10n.t('EMR step')} | ${codeSpan(i.step.stepId)} ${l10n.t('on')} ${codeSpan(i.step.clusterId)}${i.step.name ? ` (${cell(escapeMarkdown(i.step.name))})` : ''}: ${i.step.state ?? '?'} |`,
    );
    const f = i.step.failure;
    if (f)
      out.push(
        `| ${l10n.t('EMR failure details')} | ${cell(
          [f.Reason, f.Message]
            .filter(Boolean)
            .map((s) => codeSpan(s!))
            .join(' — '),
        )}${f.LogFile ? ` (${cell(codeSpan(f.LogFile))})` : ''} |`,
      );
  }
  out.push('', `## ${l10n.t('Cause')}`, '');
  if (!first) out.push(l10n.t('No known failure signature matched the logs that were read.'));
  else {
    out.push(`**${codeSpan(first.rule)}**: ${escapeMarkdown(first.meaning)}`);
    if (first.detail) out.push('', escapeMarkdown(first.detail));
    if (found.length > 1)
      out.push(
        '',
        `${l10n.t('Also matched:')} ${found
          .slice(1)
          .map((f) => codeSpan(f.rule))
          .join(', ')}`,
      );
  }
  out.push('', `## ${l10n.t('Evidence')}`, '');
  if (!i.findings.length) out.push(l10n.t('None.'));
  for (const f of i.findings) for (const e of f.evidence) out.push(`- ${codeSpan(f.rule)} ${codeSpan(`${f.log}:${e.line}`)}: ${codeSpan(e.text)}`);
  if (found.length) {
    out.push('', `## ${l10n.t('Remedy')}`, '');
    for (const f of found) out.push(`- ${codeSpan(f.rule)}: ${escapeMarkdown(f.remedy)}${f.fields.length ? ` (${l10n.t('spec fields')}: ${f.fields.map(codeSpan).join(', ')})` : ''}`);
  }
  out.push('', `## ${l10n.t('What was changed')}`, '', ctx.changed ? escapeMarkdown(ctx.changed) : l10n.t('Nothing yet.'));
  out.push('', `## ${l10n.t('Logs read')}`, '');
  for (const l of i.logs) out.push(`- ${codeSpan(l.name)}: ${l10n.t('{0} lines', String(l.lines))}${l.diagnoses.length ? `, ${l.diagnoses.map((d) => codeSpan(d.rule)).join(', ')}` : ''}`);
  if (!i.logs.length) out.push(l10n.t('None.'));
  if (i.notes.length) {
    out.push('', `## ${l10n.t('Not read')}`, '');
    for (const n of i.notes) out.push(`- ${escapeMarkdown(n)}`);
  }
  return out.join('\n') + '\n';
}
