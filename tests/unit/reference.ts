/**
 * Where the tests find the official EU value sets (`../shared/reference/` beside the
 * checkout: test data, never copied into the repository). A clone elsewhere (CI) finds
 * them through COMPTOIR_REFERENCE_DIR or the workspace's shared folder.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const CANDIDATES = [
  process.env.COMPTOIR_REFERENCE_DIR ?? '',
  fileURLToPath(new URL('../../../shared/reference/', import.meta.url)),
  '/work/shared/reference',
].filter((dir) => dir !== '');

/**
 * URL of reference file `name`.
 * @throws Error naming the folders searched when it is nowhere
 */
export function referenceUrl(name: string): URL {
  for (const dir of CANDIDATES) {
    const path = join(dir, name);
    if (existsSync(path)) return pathToFileURL(path);
  }
  throw new Error(`reference file ${name} not found in ${CANDIDATES.join(', ')}`);
}
