// Sequelize's `:name` replacements turned into PostgreSQL's `$n` parameters for prepared statements
// (models/prepared.ts): what is a placeholder and what is not.
import { describe, expect, it } from 'vitest';
import { toPositional } from '../../models/prepared.js';

describe('toPositional', () => {
  it('numbers each name once, in order of first use', () => {
    expect(toPositional('SELECT * FROM a WHERE a.id = :id AND (a.referent_id = :me OR a.created_by = :me) LIMIT :limit', { id: 'x', me: 'y', limit: 3 })).toEqual({
      text: 'SELECT * FROM a WHERE a.id = $1 AND (a.referent_id = $2 OR a.created_by = $2) LIMIT $3',
      values: ['x', 'y', 3],
    });
  });

  it('leaves casts, quoted text, quoted identifiers and comments as they are', () => {
    const sql = `SELECT to_char(t, 'HH24:MI'), x::text, "col:umn", CAST(:v AS jsonb) -- a :comment\nFROM t WHERE y = :v`;
    expect(toPositional(sql, { v: '{}' })).toEqual({ text: `SELECT to_char(t, 'HH24:MI'), x::text, "col:umn", CAST($1 AS jsonb) -- a :comment\nFROM t WHERE y = $1`, values: ['{}'] });
  });

  it('keeps null, dates, numbers and lists (one array) as values; refuses a missing value', () => {
    const at = new Date('2026-12-06T12:00:00Z');
    expect(toPositional('VALUES (:a, :b, :c)', { a: null, b: at, c: 0 }).values).toEqual([null, at, 0]);
    expect(toPositional('SELECT 1 WHERE id = ANY(:ids)', { ids: ['a', 'b'] })).toEqual({ text: 'SELECT 1 WHERE id = ANY($1)', values: [['a', 'b']] });
    expect(() => toPositional('SELECT :a, :b', { a: 1 })).toThrow(/:b sans valeur/);
  });
});
