/**
 * What the `postgres` project's global setup provides to its tests (vitest `provide` /
 * `inject`, typed through `ProvidedContext`).
 */

/** The test cluster's URL, or why it did not start. */
export type PostgresProvided = { url: string; error: null } | { url: null; error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresProvided;
  }
}
