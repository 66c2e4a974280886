/**
 * The messages between the results panel (client/src/results-panel.ts) and its page (webview/): the panel
 * posts what to show, the page answers when it is ready, asks for more rows, or hands a CSV to save.
 */
import { profileReport, rowsResult, verifyReport, workspaceReport } from './commands';
import * as s from './shape';

export const pageMessage = s.union(
  s.object({ kind: s.literal('preview'), title: s.string, result: rowsResult, limit: s.number }),
  s.object({ kind: s.literal('profile'), title: s.string, result: profileReport }),
  s.object({ kind: s.literal('report'), title: s.string, result: workspaceReport }),
  s.object({ kind: s.literal('verify'), title: s.string, result: verifyReport }),
);
/** From the panel to the page. */
export type PageMessage = s.Infer<typeof pageMessage>;

export const panelMessage = s.union(
  s.object({ type: s.literal('ready') }),
  s.object({ type: s.literal('more'), limit: s.number }),
  /** `name`: the file name proposed (the table's). */
  s.object({ type: s.literal('export'), csv: s.string, name: s.string }),
);
/** From the page to the panel. */
export type PanelMessage = s.Infer<typeof panelMessage>;
