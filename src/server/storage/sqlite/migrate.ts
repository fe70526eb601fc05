import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies every migration newer than the database's `user_version`, each in its own transaction, so an
 * interrupted start leaves the database at the last fully applied version and the next start carries on.
 */
export function applyMigrations(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS.length;
  if (current > latest) {
    throw new MigrationError(
      `the database is at schema version ${current}, newer than this MiniMost knows (${latest}); upgrade MiniMost or restore a backup`,
    );
  }
  for (let version = current + 1; version <= latest; version++) {
    const migration = MIGRATIONS[version - 1] as string;
    try {
      db.transaction(() => {
        db.exec(migration);
        db.pragma(`user_version = ${version}`);
      })();
    } catch (err) {
      // Rolled back as a whole, so the file is still a consistent version `version - 1`.
      throw new MigrationError(
        `could not upgrade the database from schema version ${version - 1} to ${version} (${(err as Error).message}); it stays at version ${version - 1}. If it was edited by hand or by another tool, restore a backup`,
      );
    }
  }
  return latest - current;
}
