/** Evidence lines are shown, reported and kept in history: passwords and keys in them are masked first. */

const rules: [RegExp, string][] = [
  // Sqoop's --password VALUE (the command line is echoed in step logs).
  [/(--password\s+)(?:'[^']*'|"[^"]*"|\S+)/gi, '$1****'],
  // key=value, key: value, "key":"value" for password-like keys.
  [/((?:password|passwd|pwd|secret|token)["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, '$1****'],
  // An Oracle thin URL with user/password@.
  [/(jdbc:oracle:thin:[^/\s@]*\/)[^@\s]+@/gi, '$1****@'],
  // AWS access key ids and presigned URL signatures.
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, '****'],
  [/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s]+/gi, '$1****'],
];

/** The line with passwords, tokens and AWS keys replaced by `****`. */
export function redactLine(text: string): string {
  let out = text;
  for (const [re, to] of rules) out = out.replace(re, to);
  return out;
}
