/**
 * Keyset pages of a long list, for a virtualised view over up to millions of rows. Pages remember the cursor
 * that fetched them, so a page far from the viewport can drop its rows (memory stays bounded however far the
 * user scrolls) and be fetched again, with the same cursor, when it scrolls back into view.
 */
export interface PageResult<T> {
  items: T[];
  nextCursor: string | null;
}

interface Page<T> {
  /** The cursor this page was fetched with; null for the first page. */
  cursor: string | null;
  items: T[] | null;
  size: number;
  loading: boolean;
}

export interface PagerSnapshot {
  rowCount: number;
  /** True once the last page has arrived. */
  done: boolean;
  loading: boolean;
  error: unknown;
  /** Bumps on every change, so React can re-render on it. */
  version: number;
}

export class KeysetPager<T extends { id: number }> {
  private pages: Page<T>[] = [];
  private next: string | null = null;
  private done = false;
  private loadingNext = false;
  private error: unknown = null;
  private generation = 0;
  private version = 0;
  private listeners = new Set<() => void>();
  private snapshot: PagerSnapshot;
  private starts: number[] = [];
  /** The pages last asked for by `ensureRange`: pages arriving later are evicted around them. */
  private viewPages: [number, number] = [0, 0];
  private rowCount = 0;

  constructor(
    private readonly fetchPage: (cursor: string | null) => Promise<PageResult<T>>,
    private readonly maxLoadedPages = 24,
  ) {
    this.snapshot = this.makeSnapshot();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PagerSnapshot => this.snapshot;

  /** The row at `index`, or undefined while its page is not loaded. */
  row(index: number): T | undefined {
    const at = this.locate(index);
    return at ? at.page.items?.[at.offset] : undefined;
  }

  /** Every loaded row (for "select all"); rows of dropped pages are not in it. */
  loadedRows(): T[] {
    return this.pages.flatMap((p) => p.items ?? []);
  }

  /** Forgets everything and fetches the first page again. */
  reset(): Promise<void> {
    this.generation += 1;
    this.pages = [];
    this.next = null;
    this.done = false;
    this.loadingNext = false;
    this.error = null;
    this.changed();
    return this.loadNext();
  }

  /**
   * Fetches the first page again and, when it arrives, puts it in place of everything loaded: for a list that
   * changed while the user sits at its top, without blanking the rows in between.
   */
  async refresh(): Promise<void> {
    this.generation += 1;
    const generation = this.generation;
    try {
      const result = await this.fetchPage(null);
      if (generation !== this.generation) return;
      this.pages = [{ cursor: null, items: result.items, size: result.items.length, loading: false }];
      this.next = result.nextCursor;
      this.done = result.nextCursor === null;
      this.error = null;
    } catch (err) {
      if (generation !== this.generation) return;
      this.error = err;
    }
    this.loadingNext = false;
    this.changed();
  }

  /** Fetches the page after the last one, unless it is already on its way or there is none. */
  async loadNext(): Promise<void> {
    if (this.done || this.loadingNext) return;
    const generation = this.generation;
    const cursor = this.pages.length === 0 ? null : this.next;
    this.loadingNext = true;
    this.error = null;
    this.changed();
    try {
      const result = await this.fetchPage(cursor);
      if (generation !== this.generation) return;
      this.pages.push({ cursor, items: result.items, size: result.items.length, loading: false });
      this.next = result.nextCursor;
      this.done = result.nextCursor === null;
      this.evict();
    } catch (err) {
      if (generation !== this.generation) return;
      this.error = err;
    } finally {
      if (generation === this.generation) {
        this.loadingNext = false;
        this.changed();
      }
    }
  }

  /**
   * Makes sure the rows from `first` to `last` are loaded (fetching dropped pages again) and drops the rows of
   * pages far from them once more than `maxLoadedPages` pages hold rows.
   */
  ensureRange(first: number, last: number): void {
    const firstPage = this.locate(first)?.pageIndex ?? 0;
    const lastPage = this.locate(Math.max(first, last))?.pageIndex ?? this.pages.length - 1;
    this.viewPages = [firstPage, lastPage];
    for (let i = firstPage; i <= lastPage; i++) {
      const page = this.pages[i];
      if (page && page.items === null && !page.loading) void this.refetch(i);
    }
    if (this.evict()) this.changed();
  }

  /** Takes deleted rows out of the loaded pages. */
  remove(ids: ReadonlySet<number>): void {
    for (const page of this.pages) {
      if (!page.items) continue;
      const kept = page.items.filter((item) => !ids.has(item.id));
      if (kept.length !== page.items.length) {
        page.items = kept;
        page.size = kept.length;
      }
    }
    this.changed();
  }

  /** Puts a changed row in place wherever it is loaded. */
  replace(item: T): void {
    for (const page of this.pages) {
      const at = page.items?.findIndex((x) => x.id === item.id) ?? -1;
      if (page.items && at >= 0) page.items[at] = item;
    }
    this.changed();
  }

  loadedPageCount(): number {
    return this.pages.filter((p) => p.items !== null).length;
  }

  private async refetch(pageIndex: number): Promise<void> {
    const page = this.pages[pageIndex];
    if (!page) return;
    const generation = this.generation;
    page.loading = true;
    try {
      const result = await this.fetchPage(page.cursor);
      if (generation !== this.generation) return;
      // The list may have changed meanwhile; what the server says now wins, even if the row count moves.
      page.items = result.items;
      page.size = result.items.length;
      this.evict();
    } catch (err) {
      if (generation === this.generation) this.error = err;
    } finally {
      page.loading = false;
      if (generation === this.generation) this.changed();
    }
  }

  /** Returns whether any page dropped its rows. */
  private evict(): boolean {
    const [firstPage, lastPage] = this.viewPages;
    let loaded = this.loadedPageCount();
    if (loaded <= this.maxLoadedPages) return false;
    const distance = (i: number) => (i < firstPage ? firstPage - i : i > lastPage ? i - lastPage : 0);
    const candidates = this.pages
      .map((page, i) => ({ page, i, d: distance(i) }))
      .filter((c) => c.page.items !== null && c.d > 1)
      .sort((a, b) => b.d - a.d);
    for (const c of candidates) {
      if (loaded <= this.maxLoadedPages) break;
      c.page.items = null;
      loaded -= 1;
    }
    return true;
  }

  /**
   * Binary search over the page start offsets (rows are looked up on every render of every visible row). The last
   * page starting at or before the row holds it: an empty page shares its start with the page after it.
   */
  private locate(index: number): { page: Page<T>; pageIndex: number; offset: number } | undefined {
    if (index < 0 || index >= this.rowCount) return undefined;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { page: this.pages[lo]!, pageIndex: lo, offset: index - this.starts[lo]! };
  }

  private makeSnapshot(): PagerSnapshot {
    this.starts = [];
    let start = 0;
    for (const page of this.pages) {
      this.starts.push(start);
      start += page.size;
    }
    this.rowCount = start;
    return {
      rowCount: start,
      done: this.done,
      loading: this.loadingNext || this.pages.some((p) => p.loading),
      error: this.error,
      version: this.version,
    };
  }

  private changed(): void {
    this.version += 1;
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}
