/**
 * The layer rules of DESIGN.md "Layout" are enforced by ESLint: a wrong import fails
 * `npm test`. Each row lints a one-line file at a real path with the project's config.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(`${code}\nexport const x = 1;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('layer boundaries', () => {
  it.each([
    ['app/crypto/x.ts', "import { App } from '../ui/App';", 'crypto imports ui'],
    ['app/crypto/x.ts', "import { openComptoirDb } from '../store';", 'crypto imports store'],
    ['app/crypto/x.ts', "import Dexie from 'dexie';", 'crypto imports Dexie'],
    ['app/domain/x.ts', "import { randomId } from '../crypto';", 'domain imports crypto'],
    ['app/domain/x.ts', "import { h } from 'preact';", 'domain imports Preact'],
    ['app/store/x.ts', "import { App } from '../ui/App';", 'store imports ui'],
    [
      'app/store/x.ts',
      "import sodium from 'libsodium-wrappers-sumo';",
      'libsodium outside its point',
    ],
    ['app/ui/x.ts', "import Dexie from 'dexie';", 'Dexie outside app/store/db.ts'],
    ['app/ui/x.ts', "import { Workbox } from 'workbox-window';", 'workbox-window outside app/pwa'],
    ['app/pwa/x.ts', "import { App } from '../ui/App';", 'pwa imports ui'],
    ['sync-server/x.ts', "import { randomId } from '../app/crypto';", 'server imports app'],
    [
      'sync-server/store/x.ts',
      "import { Visit } from '../../app/domain';",
      'server imports app (nested)',
    ],
  ])('refuses %s: %s (%s)', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBe(1);
  });

  it.each([
    ['app/crypto/sodium.ts', "import sodium from 'libsodium-wrappers-sumo';"],
    ['app/store/db.ts', "import Dexie from 'dexie';"],
    ['app/store/x.ts', "import { randomId } from '../crypto';"],
    ['app/ui/x.ts', "import { useState } from 'preact/hooks';"],
    ['app/pwa/x.ts', "import { Workbox } from 'workbox-window';"],
    ['app/intake/x.ts', "import { saveIntakeEntry } from '../store';"],
    ['app/portal/oidc-client.ts', "import * as oauth from 'oauth4webapi';"],
    ['app/sync/x.ts', "import { CANONICAL_PREFIX } from '../../sync-server/protocol';"],
    ['app/sync/x.ts', "import { encodeHeader } from '../../sync-server/protocol/bundle-header';"],
    ['sync-server/sandbox-portal/x.ts', "import { SignJWT } from 'jose';"],
    ['app/domain/x.ts', "import type { Bundle } from '@medplum/fhirtypes';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toBe(0);
  });
});
