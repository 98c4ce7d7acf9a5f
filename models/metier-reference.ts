// The CVthèque's copy of the métier list (workflows/metiers.ts) that PostgreSQL's search reads
// (migration 0027): each fiche's titles, masculine and feminine, for the search document, and the
// feminine word forms that the document and the query both write in the masculine (« vendeuse » finds
// « vendeur »). The list is code; these tables follow it at every migration run, and profiles' search
// documents are rewritten only when something changed.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { FEMININE_WORDS, METIERS, metierTitles } from '../workflows/metiers.js';

/** What cvtheque_masculine() compares: one word of letters and digits (0027's CHECK). */
const WORD = /^[a-z0-9]+$/;

async function replaceAll(sequelize: Sequelize, transaction: Transaction | undefined, table: string, key: string, value: string, rows: Array<[string, string]>) {
  const [{ changed }] = await sequelize.query<{ changed: number }>(
    `WITH wanted AS (SELECT * FROM unnest(ARRAY[:keys]::text[], ARRAY[:values]::text[]) AS w(${key}, ${value})),
          upserted AS (INSERT INTO ${table} (${key}, ${value}) SELECT ${key}, ${value} FROM wanted
                       ON CONFLICT (${key}) DO UPDATE SET ${value} = EXCLUDED.${value} WHERE ${table}.${value} IS DISTINCT FROM EXCLUDED.${value}
                       RETURNING 1),
          removed AS (DELETE FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM wanted w WHERE w.${key} = t.${key}) RETURNING 1)
     SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM removed))::int AS changed`,
    { type: QueryTypes.SELECT, transaction, replacements: { keys: rows.map((r) => r[0]), values: rows.map((r) => r[1]) } },
  );
  return changed;
}

/** Brings metier_titles and metier_word_forms to the list's content; rewrites the search documents if they moved. */
export async function syncMetierReference(sequelize: Sequelize, transaction?: Transaction): Promise<{ changed: number }> {
  const titles = METIERS.map((m): [string, string] => [m.code, metierTitles(m.code).join('\n')]);
  const forms = [...FEMININE_WORDS].filter(([feminine, masculine]) => WORD.test(feminine) && WORD.test(masculine));
  const changed =
    (await replaceAll(sequelize, transaction, 'metier_titles', 'code', 'titles', titles)) +
    (await replaceAll(sequelize, transaction, 'metier_word_forms', 'feminine', 'masculine', forms));
  if (changed) await sequelize.query('SELECT cvtheque_refresh_documents()', { transaction });
  return { changed };
}
