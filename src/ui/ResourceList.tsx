import React, { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Rows rendered above and below the visible window, so scrolling looks smooth. */
const OVERSCAN = 6;
/** When the container has no size yet (hidden, or jsdom), render this many rows. */
const FALLBACK_VISIBLE = 30;

export interface IResourceListProps<T> {
  items: readonly T[];
  getKey: (item: T) => string;
  /** Renders one row; rows may grow (e.g. when expanded) and are measured. */
  renderRow: (item: T, index: number) => React.ReactNode;
  /** Accessible name of each row, e.g. the cluster name. */
  getLabel?: (item: T) => string;
  /** Accessible name of the list, e.g. "EMR clusters". */
  label: string;
  /** Height of a collapsed row in px. */
  rowHeight?: number;
  /** Shown when there are no items. */
  empty?: React.ReactNode;
  /** Height of the scroll area in px. */
  maxHeight?: number;
}

/**
 * A list that renders only the rows in view, so 2,000 clusters cost as
 * much as 30. Row heights are measured after render, so expanded rows work.
 */
export function ResourceList<T>(props: IResourceListProps<T>): JSX.Element {
  const { items, getKey, renderRow, rowHeight = 32 } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const measured = useRef(new Map<string, number>());
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);
  const [, setVersion] = useState(0);

  // Offsets from measured heights (collapsed rows use rowHeight).
  const offsets = new Array<number>(items.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < items.length; i++) {
    const h = measured.current.get(getKey(items[i])) ?? rowHeight;
    offsets[i + 1] = offsets[i] + h;
  }
  const visibleHeight = viewport > 0 ? viewport : FALLBACK_VISIBLE * rowHeight;
  const first = Math.max(0, lowerBound(offsets, scrollTop) - 1 - OVERSCAN);
  let last = lowerBound(offsets, scrollTop + visibleHeight) + OVERSCAN;
  last = Math.min(items.length, Math.max(last, first + 1));

  // The sidebar section can be resized: keep the window in step.
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [items.length === 0]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) {
      return;
    }
    if (el.clientHeight !== viewport) {
      setViewport(el.clientHeight);
    }
    let changed = false;
    el.querySelectorAll<HTMLElement>('[data-row-key]').forEach(row => {
      const h = row.offsetHeight;
      const key = row.dataset.rowKey as string;
      if (h > 0 && measured.current.get(key) !== h) {
        measured.current.set(key, h);
        changed = true;
      }
    });
    if (changed) {
      setVersion(v => v + 1);
    }
  });

  if (items.length === 0) {
    return (
      <div className="jp-AwsSparkML-ResourceList-empty">{props.empty}</div>
    );
  }

  const rows: React.ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i];
    const key = getKey(item);
    rows.push(
      <div
        key={key}
        data-row-key={key}
        role="listitem"
        aria-label={props.getLabel?.(item)}
        aria-setsize={items.length}
        aria-posinset={i + 1}
        className="jp-AwsSparkML-ResourceList-row"
        style={{ position: 'absolute', top: offsets[i], left: 0, right: 0 }}
      >
        {renderRow(item, i)}
      </div>
    );
  }
  return (
    <div
      ref={scroller}
      className="jp-AwsSparkML-ResourceList"
      style={{ maxHeight: props.maxHeight }}
      onScroll={e => setScrollTop((e.target as HTMLDivElement).scrollTop)}
    >
      <div
        role="list"
        aria-label={props.label}
        style={{ position: 'relative', height: offsets[items.length] }}
      >
        {rows}
      </div>
    </div>
  );
}

/** First index i with offsets[i] >= value (offsets is sorted). */
function lowerBound(offsets: number[], value: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
