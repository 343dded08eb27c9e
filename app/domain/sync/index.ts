/**
 * The pure sync core (DESIGN.md "Sync relay", "Ops and merge"): hybrid logical clocks, the
 * op format and its parser, and the merge. No I/O, no clock: callers pass `nowMs` in.
 * The store applies it; `app/sync` re-exports it for the sync engine.
 */
export * from './hlc';
export * from './merge';
export * from './merge-canonical';
export * from './merge-doc';
export * from './ops';
export * from './ops-paths';
export * from './changes';
