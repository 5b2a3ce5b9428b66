import { Alert, Button, Group, Loader, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/client';
import { IconPlus } from '../components/icons';
import { EmptyState, ErrorState } from '../components/PageState';
import { useErrorText } from '../components/useErrorText';
import { SearchIcon, UploadIcon } from './icons';
import type { KeysetPager, PagerSnapshot } from './pager';
import classes from './KeysetTable.module.css';

/** The shared cell classes: `cell` (truncates), `optional` (hidden on narrow windows), `actions`, `span`. */
export { classes as tableClasses };

/** Start fetching the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 60;

type RowAttributes = HTMLAttributes<HTMLDivElement> & Record<`data-${string}`, string | number | boolean>;

interface Props<T extends { id: number }> {
  pager: KeysetPager<T>;
  snapshot: PagerSnapshot;
  rowHeight: number;
  /** Sets the columns (`grid-template-columns`) of the header and of every row. */
  gridClassName: string | undefined;
  /** Scroll height, e.g. `max(360px, calc(100vh - 330px))`. */
  height: string;
  header: ReactNode;
  /**
   * The cells of one loaded row. Pass stable functions (useCallback): rows are memoised, so while scrolling only
   * the rows coming into view render, which is what keeps a fling through a long list smooth.
   */
  renderRow: (item: T, selected: boolean) => ReactNode;
  rowAttributes: (item: T) => RowAttributes;
  selected: ReadonlySet<number>;
  /** Test ids: `<testId>-scroll`, `<testId>-loading-row`. */
  testId: string;
  loadingText: string;
  /** What an empty list shows instead of the table (the first page failing shows the error and a retry). */
  empty: ReactNode;
}

interface RowProps<T> {
  item: T;
  selected: boolean;
  start: number;
  height: number;
  className: string;
  renderRow: (item: T, selected: boolean) => ReactNode;
  rowAttributes: (item: T) => RowAttributes;
}

const KeysetRow = memo(function KeysetRow<T>({ item, selected, start, height, className, renderRow, rowAttributes }: RowProps<T>) {
  return (
    <div
      className={`${className} ${selected ? classes.selected : ''}`}
      style={{ height, transform: `translateY(${start}px)` }}
      {...rowAttributes(item)}
    >
      {renderRow(item, selected)}
    </div>
  );
}) as <T>(props: RowProps<T>) => ReactNode;

/**
 * A virtualised table over keyset pages, for lists of up to millions of rows: only the visible rows are in the
 * DOM, the next page is fetched before the end comes into view, and pages far from it are dropped and fetched
 * again on the way back (see KeysetPager). Rows not loaded yet show a loading line, or the error and a retry.
 */
export function KeysetTable<T extends { id: number }>(props: Props<T>) {
  const { pager, snapshot, rowHeight, gridClassName } = props;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: snapshot.rowCount + (snapshot.done ? 0 : 1),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    pager.ensureRange(firstIndex, lastIndex);
    if (!snapshot.done && !snapshot.error && lastIndex >= snapshot.rowCount - PREFETCH_ROWS) void pager.loadNext();
  }, [firstIndex, lastIndex, snapshot.rowCount, snapshot.done, snapshot.error, pager]);

  const row = `${classes.row} ${gridClassName ?? ''}`;
  const firstLoad = snapshot.rowCount === 0 && !snapshot.done;
  if (snapshot.error !== null && snapshot.rowCount === 0) {
    return <ErrorState error={toApiError(snapshot.error)} onRetry={() => void pager.reset()} />;
  }
  if (snapshot.done && snapshot.rowCount === 0) return <>{props.empty}</>;
  return (
    <Paper withBorder radius="md" className={classes.table}>
      <div className={`${row} ${classes.head}`} role="row">
        {props.header}
      </div>
      <div ref={scrollRef} className={classes.scroll} style={{ height: props.height }} data-testid={`${props.testId}-scroll`}>
        {firstLoad ? (
          <Stack gap={0}>
            {Array.from({ length: 8 }, (_, i) => (
              <div key={i} className={row} style={{ height: rowHeight }}>
                <Skeleton h={16} w={16} />
                <Skeleton h={12} w="70%" />
                <Skeleton h={12} w="60%" />
              </div>
            ))}
          </Stack>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const loaded = pager.row(item.index);
              const style = { height: item.size, transform: `translateY(${item.start}px)` };
              if (!loaded) {
                return (
                  <div key={item.key} className={`${row} ${classes.virtual}`} style={style}>
                    {item.index >= snapshot.rowCount && snapshot.error !== null ? (
                      <Group gap="xs" className={classes.span}>
                        <Text size="sm" c="red">
                          {errorText(toApiError(snapshot.error))}
                        </Text>
                        <Button size="compact-xs" variant="light" onClick={() => void pager.loadNext()}>
                          {t('common:actions.retry')}
                        </Button>
                      </Group>
                    ) : (
                      <Group gap="xs" className={classes.span} data-testid={`${props.testId}-loading-row`}>
                        <Loader size="xs" />
                        <Text size="sm" c="dimmed">
                          {props.loadingText}
                        </Text>
                      </Group>
                    )}
                  </div>
                );
              }
              return (
                <KeysetRow
                  key={loaded.id}
                  item={loaded}
                  selected={props.selected.has(loaded.id)}
                  start={item.start}
                  height={rowHeight}
                  className={`${row} ${classes.virtual}`}
                  renderRow={props.renderRow}
                  rowAttributes={props.rowAttributes}
                />
              );
            })}
          </div>
        )}
      </div>
    </Paper>
  );
}

/** Says that the list changed (elsewhere) while the user was scrolled down it, and offers the latest state. */
export function StaleNotice({ text, actionLabel, onRefresh, testId }: { text: string; actionLabel: string; onRefresh: () => void; testId: string }) {
  return (
    <Alert color="blue" variant="light" py={8} data-testid={testId}>
      <Group justify="space-between">
        <Text size="sm">{text}</Text>
        <Button size="compact-sm" variant="light" onClick={onRefresh}>
          {actionLabel}
        </Button>
      </Group>
    </Alert>
  );
}

interface EmptyListProps {
  /** The search in force; with one, the list says nothing matched it instead of offering to add rows. */
  query: string;
  /** Test ids: `<testId>-empty-search`, `<testId>-empty`. */
  testId: string;
  searchTitle: string;
  searchText: string;
  icon: ReactNode;
  title: string;
  text: string;
  uploadLabel: string;
  onUpload: () => void;
  addLabel: string;
  onAdd: () => void;
}

/** A KeysetTable's `empty`: no search results, or no rows yet with the two ways to add them (a file, or by hand). */
export function EmptyList(props: EmptyListProps) {
  if (props.query !== '') {
    return <EmptyState icon={<SearchIcon size={32} />} title={props.searchTitle} text={props.searchText} testId={`${props.testId}-empty-search`} />;
  }
  return (
    <EmptyState
      icon={props.icon}
      title={props.title}
      text={props.text}
      testId={`${props.testId}-empty`}
      action={
        <>
          <Button variant="light" leftSection={<UploadIcon />} onClick={props.onUpload}>
            {props.uploadLabel}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={props.onAdd}>
            {props.addLabel}
          </Button>
        </>
      }
    />
  );
}
