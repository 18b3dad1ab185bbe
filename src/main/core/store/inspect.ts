/**
 * Raw SQL for tests and benchmarks only (lint keeps product code from importing this file): look
 * at rows a repository does not expose, or tamper with them the way someone holding the database
 * file could, to prove that verification notices. Product code asks a repository in this folder.
 */
import type { Store } from './store.js';

type Params = unknown[];

/** Every row of `sql`. */
export function sqlAll<T = Record<string, unknown>>(store: Store, sql: string, ...params: Params): T[] {
  return store.db.prepare(sql).all(...params) as T[];
}

/** The first row of `sql`, or undefined. */
export function sqlGet<T = Record<string, unknown>>(store: Store, sql: string, ...params: Params): T | undefined {
  return store.db.prepare(sql).get(...params) as T | undefined;
}

/** The first column of the first row (a count, an id), or undefined. */
export function sqlValue<T = unknown>(store: Store, sql: string, ...params: Params): T | undefined {
  return store.db
    .prepare(sql)
    .pluck()
    .get(...params) as T | undefined;
}

/** The first column of every row. */
export function sqlColumn<T = unknown>(store: Store, sql: string, ...params: Params): T[] {
  return store.db
    .prepare(sql)
    .pluck()
    .all(...params) as T[];
}

/** Runs one statement with parameters (UPDATE, DELETE, INSERT). */
export function sqlRun(store: Store, sql: string, ...params: Params): void {
  store.db.prepare(sql).run(...params);
}

/** Runs a script of statements without parameters (DROP TRIGGER …; a backfill). */
export function sqlExec(store: Store, sql: string): void {
  store.db.exec(sql);
}
