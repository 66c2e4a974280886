/** Plain text inside Markdown: hovers and completion documentation render Markdown, messages are plain text. */

/**
 * Escapes what Markdown would read as formatting in plain text (`1~38` would strike through up to the next
 * `~`, `a_b_c` would slant), leaving code spans (`` `x` ``) as they are: the messages mark code with them.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*_~[\]<>|#&]/g, '\\$&').replace(/^(\s*)([-+]|\d+\.)(?=\s)/gm, (_, s: string, m: string) => `${s}${m.replace(/[-+.]/, '\\$&')}`)))
    .join('');
}
