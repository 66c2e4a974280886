/**
 * The messages between the results panel (client/src/results-panel.ts) and its page (webview/): the panel
 * posts what to show, the page answers when it is ready, asks for more rows, or hands a CSV to save.
 */
import { historyEntry, profileReport, rejectedSample, rowsResult, verifyReport, workspaceReport } from './commands';
import * as s from './shape';

export const pageMessage = s.union(
  s.object({ kind: s.literal('preview'), title: s.string, result: rowsResult, limit: s.number }),
  s.object({ kind: s.literal('profile'), title: s.string, result: profileReport }),
  s.object({ kind: s.literal('report'), title: s.string, result: workspaceReport }),
  s.object({ kind: s.literal('verify'), title: s.string, result: verifyReport }),
  /** The history as a table; `table`/`environment` when it is one table's. */
  s.object({ kind: s.literal('history'), title: s.string, result: s.object({ entries: s.array(historyEntry), table: s.optional(s.string), environment: s.optional(s.string) }) }),
  s.object({ kind: s.literal('rejected'), title: s.string, result: rejectedSample }),
);
/** From the panel to the page. */
export type PageMessage = s.Infer<typeof pageMessage>;

export const panelMessage = s.union(
  s.object({ type: s.literal('ready') }),
  s.object({ type: s.literal('more'), limit: s.number }),
  /** `name`: the file name proposed (the table's). */
  s.object({ type: s.literal('export'), csv: s.string, name: s.string }),
  /** A history entry's "Rejected values": the sample file it names. */
  s.object({ type: s.literal('rejected'), sample: s.string }),
);
/** From the page to the panel. */
export type PanelMessage = s.Infer<typeof panelMessage>;
