/**
 * Result values by column type, the same for both engines: Athena returns every value as text, DuckDB
 * returns wide integers and decimals as text. Numbers become JSON numbers where that is exact; wide
 * integers and decimals stay text so that no digit is lost.
 */

export function convertValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const t = type.toLowerCase();
  if (typeof value !== 'string') return value;
  if (/^(tinyint|smallint|int|integer|real|float|double|utinyint|usmallint|uinteger)$/.test(t)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (/^(bigint|hugeint|ubigint)$/.test(t)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (t === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

export function convertRows<T extends Record<string, unknown>>(columns: { name: string; type: string }[], rows: T[]): T[] {
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const c of columns) out[c.name] = convertValue(c.type, r[c.name]);
    return out as T;
  });
}
