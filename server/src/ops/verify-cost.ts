/**
 * What verify costs on Athena: the price of a query ($5 per TB scanned, each query rounded up to the MB
 * and billed at least 10 MB: "Amazon Athena pricing", https://aws.amazon.com/athena/pricing/), and the
 * estimate asked before running.
 */
const MB = 1024 * 1024;

/** Athena's price of one query that scanned `bytes`. */
export function athenaCostUsd(bytes: number): number {
  const mb = Math.max(10, Math.ceil(bytes / MB));
  return (mb * MB * 5) / 1024 ** 4;
}

/** Bytes as people read them: 1.2 GB, 340 MB, 12 KB. */
export function bytesText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i ? v.toFixed(v < 10 ? 1 : 0) : v} ${units[i]}`;
}

/** Dollars with enough digits for a query that costs a fraction of a cent. */
export function usdText(usd: number): string {
  return `$${usd < 0.01 ? usd.toFixed(6) : usd.toFixed(2)}`;
}
