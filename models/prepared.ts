// The statements every action runs, as prepared statements (issue #20). Sent with their values
// inlined (Sequelize's replacements), PostgreSQL parses and plans them at every call: the application
// row the API reads twice per action took about 1 ms of the server's CPU to plan and 0.12 ms to run.
// Sent under a name with their values as parameters, node-postgres prepares each once per connection
// and PostgreSQL keeps its plan (a generic one after five runs, when it costs no more than theirs).
import { createHash } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';

/** Quoted text, a quoted identifier, a comment or a cast: passed over; otherwise a `:name` placeholder. */
const TOKENS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|::|(?<![\w:]):([A-Za-z_]\w*)/g;

/**
 * A statement written with Sequelize's `:name` replacements, as PostgreSQL's `$n` parameters and their
 * values (a name used twice is one parameter). A list is one parameter, a PostgreSQL array: written
 * `= ANY(:ids)`, where a replacement spreads it into `IN (:ids)`.
 */
export function toPositional(sql: string, replacements: Record<string, unknown>): { text: string; values: unknown[] } {
  const index = new Map<string, number>();
  const values: unknown[] = [];
  const text = sql.replace(TOKENS, (token, name: string | undefined) => {
    if (!name) return token;
    if (!Object.prototype.hasOwnProperty.call(replacements, name) || replacements[name] === undefined) throw new Error(`Paramètre :${name} sans valeur`);
    const value = replacements[name];
    let n = index.get(name);
    if (n === undefined) {
      n = values.push(value);
      index.set(name, n);
    }
    return `$${n}`;
  });
  return { text, values };
}

interface PreparingClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * The rows of one statement, prepared on the connection that runs it: the transaction's, or one of the
 * pool's. Its name is its text's hash: the same statement is the same prepared one on every connection.
 */
export async function preparedQuery<T>(
  sequelize: Sequelize,
  sql: string,
  replacements: Record<string, unknown> = {},
  options: { transaction?: Transaction | null } = {},
): Promise<T[]> {
  const { text, values } = toPositional(sql, replacements);
  const name = `tremplin_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  const own = (options.transaction as (Transaction & { connection?: PreparingClient }) | null | undefined)?.connection;
  if (own) return (await own.query({ name, text, values })).rows as T[];
  const connection = (await sequelize.connectionManager.getConnection({ type: 'write' })) as unknown as PreparingClient;
  try {
    return (await connection.query({ name, text, values })).rows as T[];
  } finally {
    sequelize.connectionManager.releaseConnection(connection as never);
  }
}
