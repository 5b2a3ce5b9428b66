import { packRows, RowPack, type PackedRows } from './packed-rows';
import type { IncomingRow } from './writer';

/**
 * Groups a large import's valid rows into the cells of a grid over phone ranges and sort-name ranges, and hands
 * out one cell at a time, sorted by phone, as the writer's next transaction.
 *
 * Why: a directory of a million contacts has two big indexes in random order relative to the file (unique phone,
 * sort name). A transaction of rows in file order touches pages all over both, and every touched page is written
 * again at each commit: measured here, that write amplification made the writer thread four times slower than the
 * rows themselves cost. A cell's rows fall in one narrow range of each index, so a commit rewrites a fraction of the
 * pages, and sorting them by phone makes the phone look-ups walk the index in order.
 *
 * The range bounds are the quantiles of the first rows seen (a file sorted by name or number only makes its cells
 * lopsided, which that order is already good for). Memory stays bounded: a cell goes out when it holds `cellRows`
 * rows, and the fullest cell goes out whenever `maxBuffered` rows are held in all. Until twice that many rows have
 * come, at most half of them are held: the writer starts right after the sample instead of idling until the reader
 * holds its fill (a second at 50,000 rows, with the progress bar at 0), and early commits are cheap anyway, the
 * indexes being small.
 */
export class IndexCells {
  private readonly cells: RowPack[];
  private sample: IncomingRow[] | null = [];
  private phoneBounds: string[] = [];
  private nameBounds: string[] = [];
  private held = 0;
  private seen = 0;

  constructor(private readonly opts: { side: number; cellRows: number; maxBuffered: number; sampleRows: number }) {
    this.cells = Array.from({ length: opts.side * opts.side }, () => new RowPack());
  }

  /** Takes a row; returns the cells that are due to be written now (each sorted by phone). */
  add(row: IncomingRow): PackedRows[] {
    this.seen += 1;
    return this.place(row);
  }

  private place(row: IncomingRow): PackedRows[] {
    this.held += 1;
    if (this.sample) {
      this.sample.push(row);
      if (this.sample.length < this.opts.sampleRows) return [];
      const sample = this.sample;
      this.sample = null;
      this.phoneBounds = quantiles(sample.map((r) => r.phone), this.opts.side);
      this.nameBounds = quantiles(sample.map((r) => r.sortName), this.opts.side);
      this.held = 0;
      return sample.flatMap((r) => this.place(r));
    }
    const cell = this.cells[bucket(this.phoneBounds, row.phone) * this.opts.side + bucket(this.nameBounds, row.sortName)]!;
    cell.add(row);
    if (cell.length >= this.opts.cellRows) return [this.take(cell)];
    if (this.held >= this.fill()) return [this.take(this.cells.reduce((a, b) => (b.length > a.length ? b : a)))];
    return [];
  }

  /** Every row still held, cell by cell: after this, all rows given to `add` have been handed out. */
  drain(): PackedRows[] {
    const out: PackedRows[] = [];
    if (this.sample && this.sample.length > 0) out.push(packRows(this.sample.splice(0)));
    for (const cell of this.cells) if (cell.length > 0) out.push(this.take(cell));
    this.held = 0;
    return out;
  }

  /** How many rows may be held now; without a limit (a small file's batch) everything waits for `drain`. */
  private fill(): number {
    const { maxBuffered, sampleRows } = this.opts;
    return Number.isFinite(maxBuffered) ? Math.min(maxBuffered, Math.max(sampleRows, this.seen / 2)) : maxBuffered;
  }

  private take(cell: RowPack): PackedRows {
    this.held -= cell.length;
    return cell.take();
  }
}

function quantiles(values: string[], parts: number): string[] {
  values.sort();
  return Array.from({ length: parts - 1 }, (_, i) => values[Math.floor(((i + 1) * values.length) / parts)]!);
}

function bucket(bounds: string[], value: string): number {
  let i = 0;
  while (i < bounds.length && value >= bounds[i]!) i++;
  return i;
}
