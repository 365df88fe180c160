// One connected, migrated database per process (web or worker). Kept on globalThis because Next.js may load
// route modules in several module graphs; they must share one SQLite connection / PostgreSQL pool.
import { ensureBootstrapApiKey } from "../auth/api-keys";
import { ensureAdminUser } from "../auth/users";
import { env } from "../config/env";
import { connectDatabase, type Database } from "../db/client";
import { migrate } from "../db/migrate";

const holder = globalThis as unknown as { __vigilDatabase?: Promise<Database> };

/** Applies migrations, connects, and creates the operator's bootstrap API key and admin user if configured. */
export async function startDatabase(url: string): Promise<Database> {
  await migrate(url);
  const database = await connectDatabase(url);
  const settings = env();
  if (settings.VIGIL_BOOTSTRAP_API_KEY)
    await ensureBootstrapApiKey(database.db, settings.VIGIL_BOOTSTRAP_API_KEY);
  if (settings.VIGIL_ADMIN_PASSWORD)
    await ensureAdminUser(database.db, settings.VIGIL_ADMIN_USERNAME, settings.VIGIL_ADMIN_PASSWORD);
  return database;
}

export function getDatabase(): Promise<Database> {
  if (!holder.__vigilDatabase) {
    holder.__vigilDatabase = startDatabase(env().DATABASE_URL).catch((error) => {
      holder.__vigilDatabase = undefined; // let the next request retry (e.g. PostgreSQL was still starting)
      throw error;
    });
  }
  return holder.__vigilDatabase;
}
