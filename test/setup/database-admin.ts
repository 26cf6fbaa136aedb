import pg from 'pg';

/** Refuse to create or drop databases on a server unless the database we were given is clearly a test one. */
export function assertTestDatabase(url: string): URL {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/test/i.test(name)) {
    throw new Error(
      `Refusing to run tests against the database "${name}": its name must contain "test" (set DATABASE_URL to e.g. postgres://postgres@127.0.0.1:5432/test)`,
    );
  }
  return parsed;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
