/** The extension's log: an output channel with the detail behind every message shown to the engineer. */
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function logChannel(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('TableSpec', { log: true });
  return channel;
}

export function log(message: string): void {
  logChannel().info(message);
}
