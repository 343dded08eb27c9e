import { describe, expect, it } from 'vitest';
import { trackBundle, unanchoredAuthors, type ChainHeads, type ChainLink } from '../../../app/sync';

const h = (n: number) => n.toString(16).padStart(64, '0');
/** Bundle n of author 'A', correctly chained to n−1. */
const link = (seq: number, extra: Partial<ChainLink> = {}): ChainLink => ({
  deviceId: 'A',
  deviceSeq: seq,
  prevHash: h(seq - 1),
  hash: h(seq),
  snapshot: false,
  ...extra,
});

/** Feeds links in order; returns the anomaly kinds (or 'ok' / 'dup'). */
function run(links: ChainLink[]): string[] {
  const heads: ChainHeads = new Map();
  return links.map((l) => {
    const v = trackBundle(heads, l);
    return v.anomaly?.kind ?? (v.apply ? 'ok' : 'dup');
  });
}

describe('author chains', () => {
  it.each([
    ['in order', [link(1), link(2), link(3)], ['ok', 'ok', 'ok']],
    ['a duplicate is skipped, no warning', [link(1), link(2), link(2)], ['ok', 'ok', 'dup']],
    ['a gap is missing', [link(1), link(3)], ['ok', 'missing']],
    [
      'a lower seq after a higher one is reordered',
      [link(1), link(3), link(2)],
      ['ok', 'missing', 'reordered'],
    ],
    [
      'same seq, other hash is forked',
      [link(1), link(2), link(2, { hash: h(99) })],
      ['ok', 'ok', 'forked'],
    ],
    ['wrong prev hash is forked', [link(1), link(2, { prevHash: h(77) })], ['ok', 'forked']],
    [
      'a snapshot anchors after a gap',
      [link(1), link(5, { snapshot: true }), link(6)],
      ['ok', 'ok', 'ok'],
    ],
    [
      'a snapshot may start a chain (older bundles expired)',
      [link(40, { snapshot: true }), link(41)],
      ['ok', 'ok'],
    ],
  ])('%s', (_name, links, expected) => {
    expect(run(links)).toEqual(expected);
  });

  it('reports, once, an author whose first bundle seen follows a gap no snapshot covered', () => {
    const heads: ChainHeads = new Map();
    trackBundle(heads, link(7));
    trackBundle(heads, { ...link(1), deviceId: 'B' });
    expect(unanchoredAuthors(heads)).toEqual(['A']);
    expect(unanchoredAuthors(heads)).toEqual([]);
  });

  it('does not report an author anchored later by its snapshot', () => {
    const heads: ChainHeads = new Map();
    trackBundle(heads, link(7));
    trackBundle(heads, link(8, { snapshot: true }));
    expect(unanchoredAuthors(heads)).toEqual([]);
  });
});
