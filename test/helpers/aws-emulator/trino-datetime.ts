/**
 * Trino's MySQL-style datetime specifiers for date_parse and date_format ("Date and time functions
 * and operators - Trino", https://trino.io/docs/current/functions/datetime.html , section "MySQL date
 * functions"): %Y four-digit year, %y two-digit year (read as 1970..2069: '70' is 1970, '69' is 2069),
 * %m / %c month number, %M month NAME (January), %b abbreviated month name, %d / %e day, %H / %k hour
 * 00-23, %h / %I / %l hour 01-12, %i MINUTES, %s / %S seconds, %f fraction (up to 6 digits read),
 * %p AM/PM, %T = %H:%i:%s, %r = %h:%i:%s %p, %j day of year, %% a literal %. Unsupported by
 * date_parse in Trino: %D %U %u %V %w %X %x (an error), as the page says.
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export class DateFormatError extends Error {}

/** Parses `text` with a Trino format; throws DateFormatError as Trino does ("Invalid format: …"). */
export function trinoDateParse(text: string, format: string): Date {
  let y = 1970,
    mo = 1,
    d = 1,
    h = 0,
    mi = 0,
    s = 0,
    ms = 0,
    pm: boolean | undefined,
    doy: number | undefined;
  let i = 0;
  const bad = () => new DateFormatError(`Invalid format: "${text}"${i < text.length ? ` is malformed at "${text.slice(i)}"` : ' is too short'}`);
  const num = (min: number, max: number) => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(text.slice(i));
    if (!m) throw bad();
    i += m[0].length;
    return Number(m[0]);
  };
  for (let f = 0; f < format.length; f++) {
    const c = format[f]!;
    if (c !== '%') {
      if (text[i] !== c) throw bad();
      i++;
      continue;
    }
    const spec = format[++f];
    switch (spec) {
      case 'Y':
        y = num(4, 4);
        break;
      case 'y': {
        const v = num(2, 2);
        y = v >= 70 ? 1900 + v : 2000 + v;
        break;
      }
      case 'm':
      case 'c':
        mo = num(1, 2);
        break;
      case 'd':
      case 'e':
        d = num(1, 2);
        break;
      case 'H':
      case 'k':
        h = num(1, 2);
        break;
      case 'h':
      case 'I':
      case 'l':
        h = num(1, 2);
        if (h < 1 || h > 12) throw bad();
        break;
      case 'i':
        mi = num(2, 2);
        break;
      case 's':
      case 'S':
        s = num(2, 2);
        break;
      case 'f': {
        const m = /^\d{1,9}/.exec(text.slice(i));
        if (!m) throw bad();
        i += m[0].length;
        ms = Math.floor(Number(m[0].padEnd(9, '0').slice(0, 9)) / 1e6);
        break;
      }
      case 'j':
        doy = num(3, 3);
        break;
      case 'p': {
        const m = /^(AM|PM)/i.exec(text.slice(i));
        if (!m) throw bad();
        pm = m[1]!.toUpperCase() === 'PM';
        i += 2;
        break;
      }
      case 'M':
      case 'b': {
        const rest = text.slice(i).toLowerCase();
        const k = MONTHS.findIndex((n) => (spec === 'M' ? rest.startsWith(n) : rest.startsWith(n.slice(0, 3))));
        if (k < 0) throw bad();
        mo = k + 1;
        i += spec === 'M' ? MONTHS[k]!.length : 3;
        break;
      }
      case 'T':
        h = num(2, 2);
        if (text[i++] !== ':') throw bad();
        mi = num(2, 2);
        if (text[i++] !== ':') throw bad();
        s = num(2, 2);
        break;
      case '%':
        if (text[i++] !== '%') throw bad();
        break;
      case 'D':
      case 'U':
      case 'u':
      case 'V':
      case 'w':
      case 'X':
        throw new DateFormatError(`%${spec} not supported in date format string`);
      case 'a':
      case 'W':
      case 'v':
      case 'x':
      case 'r':
      case undefined:
        throw new DateFormatError(`%${spec ?? ''}: the emulator does not parse this specifier`);
      default:
        if (text[i++] !== spec) throw bad();
    }
  }
  if (i < text.length) throw bad();
  if (pm !== undefined) h = (h % 12) + (pm ? 12 : 0);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) throw new DateFormatError(`Invalid format: "${text}": value out of range`);
  const date = new Date(Date.UTC(y, mo - 1, doy ?? d, h, mi, s, ms));
  if (doy === undefined && date.getUTCDate() !== d) throw new DateFormatError(`Invalid format: "${text}": day ${d} out of range for month ${mo}`);
  return date;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Formats a timestamp (epoch ms, UTC) with a Trino format, as date_format does. */
export function trinoDateFormat(ms: number, format: string): string {
  const t = new Date(ms);
  const h = t.getUTCHours();
  const map: Record<string, string> = {
    Y: String(t.getUTCFullYear()),
    y: pad(t.getUTCFullYear() % 100),
    m: pad(t.getUTCMonth() + 1),
    c: String(t.getUTCMonth() + 1),
    M: MONTHS[t.getUTCMonth()]!.replace(/^./, (x) => x.toUpperCase()),
    b: MONTHS[t.getUTCMonth()]!.slice(0, 3).replace(/^./, (x) => x.toUpperCase()),
    d: pad(t.getUTCDate()),
    e: String(t.getUTCDate()),
    H: pad(h),
    k: String(h),
    h: pad(h % 12 || 12),
    I: pad(h % 12 || 12),
    l: String(h % 12 || 12),
    i: pad(t.getUTCMinutes()),
    s: pad(t.getUTCSeconds()),
    S: pad(t.getUTCSeconds()),
    f: pad(t.getUTCMilliseconds(), 3) + '000',
    p: h < 12 ? 'AM' : 'PM',
    T: `${pad(h)}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`,
    '%': '%',
  };
  return format.replace(/%(.)/g, (_, c: string) => {
    if (map[c] === undefined) throw new DateFormatError(`%${c} not supported in date format string`);
    return map[c]!;
  });
}
