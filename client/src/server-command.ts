/**
 * Runs a server command with a progress notification whose Cancel cancels the request (and so the
 * query, down to Athena's StopQueryExecution). A refused confirmation is asked here, then the command is
 * run again with the answer. Errors become a message that says what to do, with the detail in the log.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CommandError, CommandName, CommandParams, CommandResult, Confirmation, ConfirmationAsk } from '../../server/src/protocol';
import { toastText } from './client-text';
import { log } from './log';

export type { CommandError };

/** Asks what a refused confirmation needs: a modal Yes, or the table name typed on a protected environment. */
async function askConfirmation(ask: ConfirmationAsk): Promise<Confirmation | undefined> {
  const table = ask.typeTable;
  if (table) {
    const typed = await vscode.window.showInputBox({
      title: vscode.l10n.t('Protected environment'),
      prompt: vscode.l10n.t('{0}\nType the table name to confirm.', ask.prompt),
      placeHolder: table,
      ignoreFocusOut: true,
      validateInput: (v) => (v === table ? undefined : vscode.l10n.t('Type {0} exactly.', table)),
    });
    return typed === table ? { typedTable: table } : undefined;
  }
  const yes = vscode.l10n.t('Yes, go ahead');
  const answer = await vscode.window.showWarningMessage(ask.prompt, { modal: true }, yes);
  // An overwrite that would leave the table empty is its own question (the extract had no rows).
  return answer === yes ? { yes: true, ...(ask.emptyTable ? { emptyTable: true } : {}) } : undefined;
}

async function explain(err: CommandError): Promise<void> {
  log(`error (${err.data?.kind ?? err.code}): ${err.message}${err.data?.detail ? `\n${err.data.detail}` : ''}`);
  if (err.data?.kind === 'cancelled' || err.code === -32800) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Cancelled.'));
    return;
  }
  const showLog = vscode.l10n.t('Show Log');
  // A failure that a shell command fixes (an expired AWS session) says the command as data.
  const login = err.data?.command;
  const copy = vscode.l10n.t('Copy Command');
  const choice = await vscode.window.showErrorMessage(toastText(err.message), ...(login ? [copy] : []), showLog);
  if (choice === copy && login) await vscode.env.clipboard.writeText(login);
  if (choice === showLog) vscode.commands.executeCommand('tablespec.showLog');
}

/** `retry` may answer a failure with more arguments (a salt asked for), to run the command once more. */
export async function runServerCommand<C extends CommandName>(
  client: LanguageClient,
  command: C,
  args: CommandParams<C>,
  title: string,
  retry?: (err: CommandError) => Promise<Partial<CommandParams<C>> | undefined>,
): Promise<CommandResult<C> | undefined> {
  let confirmation: Confirmation | undefined = 'confirmation' in args ? args.confirmation : undefined;
  let retried = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const source = new vscode.CancellationTokenSource();
        token.onCancellationRequested(() => source.cancel());
        log(`${command} ${JSON.stringify({ ...args, confirmation, salt: 'salt' in args && args.salt ? '***' : undefined })}`);
        const result = await client.sendRequest<CommandResult<C>>('workspace/executeCommand', { command, arguments: [{ ...args, ...(confirmation ? { confirmation } : {}) }] }, source.token);
        progress.report({ increment: 100 });
        return result;
      });
    } catch (e) {
      const err = e as CommandError;
      if (err.data?.kind === 'needs-confirmation' && err.data.ask && (!confirmation?.typedTable || (err.data.ask.emptyTable && !confirmation.emptyTable))) {
        const answer = await askConfirmation(err.data.ask);
        if (!answer) return undefined;
        confirmation = { ...confirmation, ...answer };
        continue;
      }
      if (retry && !retried) {
        retried = true;
        const more = await retry(err);
        if (more) {
          args = { ...args, ...more };
          continue;
        }
      }
      await explain(err);
      return undefined;
    }
  }
  return undefined;
}
