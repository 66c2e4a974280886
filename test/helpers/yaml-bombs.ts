/** Pathological YAML for the bound tests: nested aliases ("billion laughs") and a long `<<: *prev` chain. */

/** Under 300 bytes that expand to 9^8 (43 million) scalars when every alias is copied. */
export function aliasBomb(): string {
  const lines = ['a: &a [x,x,x,x,x,x,x,x,x]'];
  const names = 'abcdefgh';
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]`,
    );
  return lines.join('\n') + '\n';
}

/** `steps` maps, each merging the one before: quadratic when every alias is copied. */
export function mergeChain(steps: number): string {
  const lines = ['table: t', 'm0: &m0 { k0: v }'];
  for (let i = 1; i <= steps; i++) lines.push(`m${i}: &m${i} { <<: *m${i - 1}, k${i}: v }`);
  return lines.join('\n') + '\n';
}
