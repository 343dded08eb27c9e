import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';

/** Rows rendered above and below the visible window, so fast scrolling shows no gaps. */
const OVERSCAN_ROWS = 6;

/**
 * A windowed list: only the visible rows (plus overscan) are in the DOM, so a day of
 * 10,000 visits scrolls as smoothly as one of 30. Rows have a fixed height.
 */
export function VirtualList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  label: string;
  renderRow: (item: T, index: number) => ComponentChildren;
  getKey: (item: T) => string;
}): JSX.Element {
  const { items, rowHeight, height } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN_ROWS);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN_ROWS);
  const rows: JSX.Element[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index] as T;
    rows.push(
      <li
        key={props.getKey(item)}
        class="vlist__row"
        style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}
        aria-setsize={items.length}
        aria-posinset={index + 1}
      >
        {props.renderRow(item, index)}
      </li>,
    );
  }
  return (
    <div
      class="vlist"
      style={{ height: `${height}px` }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      tabIndex={0}
      role="region"
      aria-label={props.label}
    >
      <ul class="vlist__inner" style={{ height: `${items.length * rowHeight}px` }}>
        {rows}
      </ul>
    </div>
  );
}
