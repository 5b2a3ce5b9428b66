import { describe, expect, it } from 'vitest';
import { KeysetPager, type PageResult } from '../../../src-renderer/contacts/pager';

interface Row {
  id: number;
}

/** A server over `total` rows with ids 1..total, keyset cursor = the last id of the previous page. */
function server(total: number, pageSize: number) {
  const calls: (string | null)[] = [];
  let rows: Row[] = Array.from({ length: total }, (_, i) => ({ id: i + 1 }));
  const fetch = async (cursor: string | null): Promise<PageResult<Row>> => {
    calls.push(cursor);
    const after = cursor === null ? 0 : Number(cursor);
    const items = rows.filter((r) => r.id > after).slice(0, pageSize);
    const last = items[items.length - 1];
    const more = last !== undefined && rows.some((r) => r.id > last.id);
    return { items, nextCursor: more ? String(last.id) : null };
  };
  return {
    calls,
    fetch,
    remove: (id: number) => {
      rows = rows.filter((r) => r.id !== id);
    },
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeysetPager', () => {
  it('loads page after page with the cursor the server gave, and stops at the last page', async () => {
    const s = server(25, 10);
    const pager = new KeysetPager<Row>(s.fetch);
    await pager.reset();
    expect(pager.getSnapshot()).toMatchObject({ rowCount: 10, done: false });
    await pager.loadNext();
    await pager.loadNext();
    expect(pager.getSnapshot()).toMatchObject({ rowCount: 25, done: true });
    await pager.loadNext();
    expect(s.calls).toEqual([null, '10', '20']);
    expect(pager.row(0)?.id).toBe(1);
    expect(pager.row(19)?.id).toBe(20);
    expect(pager.row(24)?.id).toBe(25);
    expect(pager.row(25)).toBeUndefined();
  });

  it('asks once when the end is reached repeatedly while a page is on its way', async () => {
    const s = server(30, 10);
    const pager = new KeysetPager<Row>(s.fetch);
    await pager.reset();
    await Promise.all([pager.loadNext(), pager.loadNext(), pager.loadNext()]);
    expect(s.calls).toEqual([null, '10']);
  });

  it('drops the answer of a request made before a reset (a new search must not show old rows)', async () => {
    const slow = deferred<PageResult<Row>>();
    let first = true;
    const pager = new KeysetPager<Row>(async () => {
      if (first) {
        first = false;
        return slow.promise;
      }
      return { items: [{ id: 99 }], nextCursor: null };
    });
    const stale = pager.reset();
    await pager.reset();
    slow.resolve({ items: [{ id: 1 }, { id: 2 }], nextCursor: 'x' });
    await stale;
    expect(pager.getSnapshot()).toMatchObject({ rowCount: 1, done: true, loading: false });
    expect(pager.row(0)?.id).toBe(99);
  });

  it('keeps memory bounded: far pages drop their rows and come back with the same cursor when scrolled to', async () => {
    const s = server(1000, 10);
    const pager = new KeysetPager<Row>(s.fetch, 4);
    await pager.reset();
    // Scrolling down as the list view does: the visible range moves to the end, then the next page is asked for.
    for (let i = 0; i < 9; i++) {
      pager.ensureRange(i * 10, i * 10 + 9);
      await pager.loadNext();
      expect(pager.loadedPageCount()).toBeLessThanOrEqual(4);
    }
    pager.ensureRange(90, 99);
    expect(pager.getSnapshot().rowCount).toBe(100);
    expect(pager.row(0)).toBeUndefined();
    expect(pager.row(95)?.id).toBe(96);

    s.calls.length = 0;
    pager.ensureRange(0, 15);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.calls).toEqual([null, '10']);
    expect(pager.row(0)?.id).toBe(1);
    expect(pager.row(15)?.id).toBe(16);
    expect(pager.row(95)).toBeUndefined();
    expect(pager.loadedPageCount()).toBeLessThanOrEqual(4);
    expect(pager.getSnapshot().rowCount).toBe(100);
  });

  it('takes deleted rows out and puts changed rows in place', async () => {
    const s = server(20, 10);
    const pager = new KeysetPager<{ id: number; name?: string }>(s.fetch);
    await pager.reset();
    await pager.loadNext();
    pager.remove(new Set([1, 12]));
    expect(pager.getSnapshot().rowCount).toBe(18);
    expect(pager.row(0)?.id).toBe(2);
    expect(pager.row(9)?.id).toBe(11);
    expect(pager.row(10)?.id).toBe(13);
    pager.replace({ id: 13, name: 'Şule' });
    expect(pager.row(10)).toEqual({ id: 13, name: 'Şule' });
  });

  it('finds rows past a page that became empty', async () => {
    const s = server(30, 10);
    const pager = new KeysetPager<Row>(s.fetch);
    await pager.reset();
    await pager.loadNext();
    await pager.loadNext();
    pager.remove(new Set(Array.from({ length: 10 }, (_, i) => i + 11)));
    expect(pager.getSnapshot().rowCount).toBe(20);
    expect(pager.row(9)?.id).toBe(10);
    expect(pager.row(10)?.id).toBe(21);
  });

  it('refresh replaces the list with the first page without blanking it in between', async () => {
    const s = server(30, 10);
    const pager = new KeysetPager<Row>(s.fetch);
    await pager.reset();
    await pager.loadNext();
    s.remove(1);
    const seen: number[] = [];
    pager.subscribe(() => seen.push(pager.getSnapshot().rowCount));
    await pager.refresh();
    expect(seen).toEqual([10]);
    expect(pager.row(0)?.id).toBe(2);
    expect(pager.getSnapshot().done).toBe(false);
  });

  it('reports a failed page and tries again on the next request', async () => {
    let fail = true;
    const pager = new KeysetPager<Row>(async () => {
      if (fail) throw new Error('offline');
      return { items: [{ id: 1 }], nextCursor: null };
    });
    await pager.reset();
    expect(pager.getSnapshot().error).toBeInstanceOf(Error);
    expect(pager.getSnapshot().loading).toBe(false);
    fail = false;
    await pager.loadNext();
    expect(pager.getSnapshot()).toMatchObject({ rowCount: 1, done: true, error: null });
  });
});
