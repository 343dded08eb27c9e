/** COMPTOIR_DATABASE_URL: PostgreSQL for several relays; unset keeps the SQLite file. */
import { describe, expect, it } from 'vitest';
import { parseServerConfig, redactDatabaseUrl } from '../../../sync-server/config';

describe('COMPTOIR_DATABASE_URL', () => {
  it('is null when unset or empty: the relay keeps its SQLite file', () => {
    expect(parseServerConfig({}).databaseUrl).toBeNull();
    expect(parseServerConfig({ COMPTOIR_DATABASE_URL: '' }).databaseUrl).toBeNull();
  });

  it.each([
    'postgres://relay:s3cret@db.example:5432/comptoir',
    'postgresql://relay@10.0.0.5/comptoir?sslmode=require',
    'postgres://relay@[::1]:6432/comptoir',
    'postgres:///comptoir?host=/var/run/postgresql',
  ])('accepts %s as given', (url) => {
    expect(parseServerConfig({ COMPTOIR_DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each([
    'mysql://relay:s3cret@db.example/comptoir',
    'https://db.example/comptoir',
    'postgres:///comptoir',
    'relay-db:5432',
    'relay:s3cret',
  ])('refuses %s, naming the variable and never echoing the value', (url) => {
    const error = (() => {
      try {
        parseServerConfig({ COMPTOIR_DATABASE_URL: url });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.message).toMatch(
      /^COMPTOIR_DATABASE_URL must be a postgres:\/\/ or postgresql:\/\//,
    );
    expect(error?.message).not.toContain('s3cret');
    expect(error?.message).not.toContain(url);
  });

  it('refuses to be set together with COMPTOIR_DB_PATH', () => {
    expect(() =>
      parseServerConfig({
        COMPTOIR_DATABASE_URL: 'postgres://relay@db.example/comptoir',
        COMPTOIR_DB_PATH: 'data/relay.sqlite',
      }),
    ).toThrow(/COMPTOIR_DATABASE_URL .* or COMPTOIR_DB_PATH .*, not both/);
  });

  it('masks passwords when a URL is shown', () => {
    expect(redactDatabaseUrl('postgres://relay:s3cret@db.example:5432/comptoir')).toBe(
      'postgres://relay:***@db.example:5432/comptoir',
    );
    expect(redactDatabaseUrl('postgres://db.example/comptoir?user=relay&password=s3cret')).toBe(
      'postgres://db.example/comptoir?user=relay&password=***',
    );
    expect(redactDatabaseUrl('postgres://relay@db.example/comptoir')).toBe(
      'postgres://relay@db.example/comptoir',
    );
    expect(redactDatabaseUrl('not a url s3cret')).not.toContain('s3cret');
  });
});
