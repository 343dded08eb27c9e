/**
 * JS weight of the built app (dist/): what the browser must download before the first
 * render, before an unlock, and in total. Sizes are gzip level 9; 1 KB = 1024 bytes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Sizes in KB (1024 bytes) of gzip -9 JS. */
export interface JsWeights {
  readonly firstScreenKb: number;
  readonly unlockKb: number;
  readonly totalKb: number;
  readonly firstScreenFiles: string[];
  readonly unlockExtraFiles: string[];
}

/** Entry scripts and modulepreloads of index.html, as paths relative to `dist`. */
function htmlEntries(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModule = /^<script/.test(tag) && /type=["']module["']/.test(tag);
    const isPreload = /^<link/.test(tag) && /rel=["']modulepreload["']/.test(tag);
    const url = /(?:src|href)=["']([^"']+)["']/.exec(tag)?.[1];
    if ((isModule || isPreload) && url !== undefined) found.push(url.replace(/^\.?\//, ''));
  }
  return found;
}

/**
 * Specifiers of the STATIC imports/re-exports of minified ES module code: `import{a}from"./x"`,
 * `import"./x"`, `export*from"./x"`. Dynamic `import("./x")` is left out (followed by `(`).
 */
function staticImports(code: string): string[] {
  const pattern =
    /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'`]([^"'`]+)["'`]/g;
  return [...code.matchAll(pattern)].map((m) => m[1] ?? '').filter((s) => s.startsWith('.'));
}

/** `entries` plus everything they import statically, transitively (paths relative to dist). */
function closure(dist: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file) || !file.endsWith('.js')) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const spec of staticImports(code)) {
      queue.push(posix.normalize(posix.join(posix.dirname(file), spec)));
    }
  }
  return [...seen];
}

function gzipKb(dist: string, files: Iterable<string>): number {
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  return bytes / 1024;
}

/** Measures the built app in `dist` (run `npm run build` first). */
export function measureJsWeights(dist: string): JsWeights {
  const firstScreen = closure(dist, htmlEntries(readFileSync(join(dist, 'index.html'), 'utf8')));
  const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const sodium = assets.filter((f) => /^libsodium-.*\.js$/.test(f)).map((f) => `assets/${f}`);
  if (sodium.length === 0) throw new Error('no dist/assets/libsodium-*.js chunk: build changed?');
  const unlock = closure(dist, [...firstScreen, ...sodium]);
  return {
    firstScreenKb: gzipKb(dist, firstScreen),
    unlockKb: gzipKb(dist, unlock),
    totalKb: gzipKb(
      dist,
      assets.map((f) => `assets/${f}`),
    ),
    firstScreenFiles: firstScreen,
    unlockExtraFiles: unlock.filter((f) => !firstScreen.includes(f)),
  };
}
