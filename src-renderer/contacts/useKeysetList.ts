import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeysetPager } from './pager';

/** Ids per removal request: a selection of a million rows still goes in a bounded number of requests. */
const REMOVE_CHUNK = 10_000;
/** A change this window made announces itself as an event too; the screen already shows it. */
const OWN_CHANGE_GRACE_MS = 2_000;

/**
 * What a screen keeps beside a live KeysetPager list: the selected rows, whether the list changed elsewhere while
 * the user was scrolled down it, and removing rows by id. A new pager (a new search) starts both afresh.
 */
export function useKeysetList<T extends { id: number }>(pager: KeysetPager<T>) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [stale, setStale] = useState(false);
  const ownChangeAt = useRef(0);

  useEffect(() => {
    setSelected(new Set());
    setStale(false);
  }, [pager]);

  // Stable, so memoised rows that hold it do not re-render when the screen does.
  const toggle = useCallback(
    (id: number) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const clearSelection = useCallback(() => setSelected(new Set()), []);
  const markOwnChange = useCallback(() => {
    ownChangeAt.current = Date.now();
  }, []);

  /** For the list's change events: those this window caused itself are already on screen. */
  const changedElsewhere = useCallback(() => {
    if (Date.now() - ownChangeAt.current < OWN_CHANGE_GRACE_MS) return;
    // Near the top the new state simply replaces the rows; deeper down, jumping would lose the user's place.
    if (pager.loadedPageCount() <= 1) void pager.refresh();
    else setStale(true);
  }, [pager]);

  const showLatest = () => void pager.reset().then(() => setStale(false));

  /** Removes the rows in chunks (`removeChunk` says how many went), then drops them from the list and the selection. */
  const removeRows = async (ids: number[], removeChunk: (chunk: number[]) => Promise<number>) => {
    markOwnChange();
    let removed = 0;
    for (let i = 0; i < ids.length; i += REMOVE_CHUNK) removed += await removeChunk(ids.slice(i, i + REMOVE_CHUNK));
    const gone: ReadonlySet<number> = new Set(ids);
    pager.remove(gone);
    setSelected((s) => new Set([...s].filter((id) => !gone.has(id))));
    return { removed, gone };
  };

  const loaded = pager.loadedRows();
  const allSelected = loaded.length > 0 && loaded.every((row) => selected.has(row.id));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(loaded.map((row) => row.id)));

  return {
    selected,
    toggle,
    clearSelection,
    allSelected,
    someSelected: selected.size > 0 && !allSelected,
    toggleAll,
    stale,
    showLatest,
    markOwnChange,
    changedElsewhere,
    removeRows,
  };
}
