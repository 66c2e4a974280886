/**
 * Import: one spec per Oracle table into a folder. A spec that exists already is never overwritten
 * silently: its change is shown as a diff, and written only when the engineer says so.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { generateSpec, type GenerateOptions, type SkippedColumn } from './generate-spec';
import type { SourceTable } from './source-table';

export interface ImportedFile {
  table: string;
  path: string;
  status: 'new' | 'unchanged' | 'changed' | 'written';
  diff?: string;
  skipped: SkippedColumn[];
}

/**
 * The inputs as a spec's header names them: relative to the workspace, or the file name when outside it; never
 * the absolute path of the machine that imported (it means nothing on the next one, and tells its user name).
 */
export function importedFrom(root: string, inputs: string[]): string {
  return inputs
    .map((input) => {
      const rel = relative(root, resolve(input)); // a relative input is relative to the current directory
      return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : basename(input);
    })
    .join(', ');
}

export function planImport(tables: SourceTable[], out: string, options: GenerateOptions, only?: string[]): { files: (ImportedFile & { text: string })[]; missing: string[] } {
  const wanted = only?.map((t) => t.toUpperCase());
  const chosen = wanted ? tables.filter((t) => wanted.includes(t.name) || wanted.includes(`${t.owner}.${t.name}`)) : tables;
  const missing = wanted ? wanted.filter((w) => !tables.some((t) => t.name === w || `${t.owner}.${t.name}` === w)) : [];
  const files = chosen.map((t) => {
    const spec = generateSpec(t, options);
    const path = join(out, `${spec.table}.table.yaml`);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    const file: ImportedFile & { text: string } = {
      table: `${t.owner}.${t.name}`,
      path,
      status: before === undefined ? 'new' : before === spec.text ? 'unchanged' : 'changed',
      skipped: spec.skipped,
      text: spec.text,
    };
    if (before !== undefined && before !== spec.text) file.diff = createTwoFilesPatch(path, path, before, spec.text, 'in the workspace', 'from the import');
    return file;
  });
  return { files, missing };
}

/** Writes new specs, and changed ones only when `overwrite` is true. */
export function applyImport(files: (ImportedFile & { text: string })[], out: string, overwrite: boolean): ImportedFile[] {
  mkdirSync(out, { recursive: true });
  return files.map(({ text, ...f }) => {
    if (f.status === 'new' || (f.status === 'changed' && overwrite)) {
      writeFileSync(f.path, text);
      return { ...f, status: f.status === 'new' ? 'new' : 'written' };
    }
    return f;
  });
}
