import type { IncomingRow } from './writer';

/**
 * Valid rows packed into bytes: how the reading thread holds the rows it groups (cells.ts) and hands them to the
 * writer thread.
 *
 * Why: held as objects, a large import's grouped rows lived just long enough to be copied by every young collection
 * and promoted, and each batch was then walked field by field to be cloned for the writer. At a million rows V8's
 * collector threads took about 6 s of CPU, the clone another 1.3 s, on a machine with two cores that the writer needs
 * one of. Bytes are outside the JavaScript heap: nothing to scan or copy, a third of the memory, and a batch moves to
 * the writer without a copy (its buffer is transferred).
 */
export interface PackedRows {
  count: number;
  /** Rows one after another, sorted by phone; its buffer is the batch's alone, so it can be transferred. */
  bytes: Uint8Array;
}

/** A row: its number and the byte length of each field (NULL_FIELD for null), then the fields' UTF-8 bytes. */
const FIELDS = 6;
const HEADER_BYTES = 4 * (1 + FIELDS);
const NULL_FIELD = 0xffffffff;
const FIRST_CAPACITY = 64 * 1024;
/** About 9,000 rows: a grid cell's usual batch fits, with room. */
const KEPT_CAPACITY = 2 * 1024 * 1024;

/**
 * Sorts by the number's digits right-padded to E.164's fifteen: the index's order (numbers of one length compare as
 * their strings do; two that differ only by trailing zeros tie, which costs nothing but locality). Comparing the
 * strings themselves took a tenth of the reading thread's time at 1M rows, comparing numbers a fiftieth.
 */
const phoneOrder = (phone: string) => Number(phone.slice(1).padEnd(15, '0'));

/** Rows packed as they come; `take` hands them all out sorted by phone and starts over. */
export class RowPack {
  private buf = Buffer.allocUnsafeSlow(FIRST_CAPACITY);
  private used = 0;
  private readonly starts: number[] = [];
  private readonly keys: number[] = [];

  get length(): number {
    return this.starts.length;
  }

  add(row: IncomingRow): void {
    const fields = [row.phone, row.name, row.email, row.attributesJson, row.sortName, row.search];
    let chars = 0;
    for (const f of fields) chars += f?.length ?? 0;
    // UTF-8 takes at most three bytes for each UTF-16 unit.
    this.reserve(HEADER_BYTES + 3 * chars);
    const start = this.used;
    const buf = this.buf;
    buf.writeUInt32LE(row.row, start);
    let at = start + HEADER_BYTES;
    for (let i = 0; i < FIELDS; i++) {
      const f = fields[i];
      const bytes = f == null ? NULL_FIELD : buf.write(f, at, 'utf8');
      buf.writeUInt32LE(bytes, start + 4 * (1 + i));
      if (bytes !== NULL_FIELD) at += bytes;
    }
    this.used = at;
    this.starts.push(start);
    this.keys.push(phoneOrder(row.phone));
  }

  take(): PackedRows {
    const { starts, keys, used, buf } = this;
    const order = starts.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
    const out = Buffer.allocUnsafeSlow(used);
    let at = 0;
    for (const i of order) {
      const end = i + 1 < starts.length ? starts[i + 1]! : used;
      at += buf.copy(out, at, starts[i]!, end);
    }
    // The buffer stays for the next rows (a fresh one each time cost page faults and external-memory collections),
    // unless a run of one cell (a sorted file's) grew it past what a cell usually needs: sixteen of those stay held.
    if (buf.length > KEPT_CAPACITY) this.buf = Buffer.allocUnsafeSlow(FIRST_CAPACITY);
    this.used = 0;
    starts.length = 0;
    keys.length = 0;
    return { count: order.length, bytes: out };
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.used + bytes) size *= 2;
    const bigger = Buffer.allocUnsafeSlow(size);
    this.buf.copy(bigger, 0, 0, this.used);
    this.buf = bigger;
  }
}

/**
 * Hands the rows of a batch to `each` one at a time, as objects again (the writer binds their strings): a row's
 * strings are garbage as soon as it is written, so none lives long enough to be copied by a collection.
 */
export function unpackEach(packed: PackedRows, each: (row: IncomingRow) => void): void {
  const buf = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.byteLength);
  let at = 0;
  let field = 0;
  const read = (i: number): string | null => {
    const bytes = buf.readUInt32LE(at + 4 * (1 + i));
    if (bytes === NULL_FIELD) return null;
    const s = buf.toString('utf8', field, field + bytes);
    field += bytes;
    return s;
  };
  for (let n = 0; n < packed.count; n++) {
    field = at + HEADER_BYTES;
    each({ row: buf.readUInt32LE(at), phone: read(0)!, name: read(1), email: read(2), attributesJson: read(3)!, sortName: read(4)!, search: read(5)! });
    at = field;
  }
}

export function unpackRows(packed: PackedRows): IncomingRow[] {
  const rows: IncomingRow[] = [];
  unpackEach(packed, (r) => rows.push(r));
  return rows;
}

/** The file row numbers of a batch, without decoding its text. */
export function rowNumbers(packed: PackedRows): number[] {
  const buf = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.byteLength);
  const out: number[] = [];
  let at = 0;
  for (let n = 0; n < packed.count; n++) {
    out.push(buf.readUInt32LE(at));
    let next = at + HEADER_BYTES;
    for (let i = 0; i < FIELDS; i++) {
      const bytes = buf.readUInt32LE(at + 4 * (1 + i));
      if (bytes !== NULL_FIELD) next += bytes;
    }
    at = next;
  }
  return out;
}

/** A batch without rows (one that only carries report lines on). */
export const noRows = (): PackedRows => ({ count: 0, bytes: new Uint8Array(0) });

/** Rows as one batch, sorted by phone (a small file's batch, a test's). */
export function packRows(rows: Iterable<IncomingRow>): PackedRows {
  const pack = new RowPack();
  for (const r of rows) pack.add(r);
  return pack.take();
}
