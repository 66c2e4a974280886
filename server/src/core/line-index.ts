/** Offsets to lines and columns and back. The one place that converts between the two. */

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units (what LSP counts by default). */
  character: number;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i >= 0) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  offset(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, p.line)]!;
    const end = p.line + 1 < this.starts.length ? this.starts[p.line + 1]! - 1 : this.text.length;
    return Math.min(start + Math.max(0, p.character), end);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
