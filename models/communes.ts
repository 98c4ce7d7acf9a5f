// Communes as the CVthèque reads them (table `communes`, migrations 0025–0026): a place named by its
// INSEE code or a postal code, found by name for a picker, and distances by PostgreSQL's
// cube/earthdistance (earth_distance in metres on a sphere of the Earth's mean radius).
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export interface Commune {
  insee: string;
  name: string;
  department: string;
  postalCodes: string[];
  latitude: number;
  longitude: number;
  /** No gazetteer had it: its point is estimated (see models/communes-data.ts). */
  approximate: boolean;
}

const COLUMNS = `insee, name, department, postal_codes AS "postalCodes", latitude, longitude, approximate`;

/**
 * The commune an INSEE code names, else the most populated commune carrying that postal code (« 75011 »
 * is Paris; a postal code shared by villages gives the largest), else null. The two kinds of code
 * overlap (69100 is Irigny's INSEE code and Villeurbanne's postal code): the INSEE code wins, since the
 * pickers and stored places name communes by it; a person typing a postal code chooses in the picker.
 */
export async function resolveCommune(sequelize: Sequelize, code: string, transaction?: Transaction): Promise<Commune | null> {
  const trimmed = code.trim().toUpperCase();
  if (!/^[0-9][0-9AB][0-9]{3}$/.test(trimmed)) return null;
  const [row] = await sequelize.query<Commune>(
    `(SELECT ${COLUMNS}, 0 AS rank, population FROM communes WHERE insee = :code)
     UNION ALL
     (SELECT ${COLUMNS}, 1 AS rank, population FROM communes WHERE postal_codes @> ARRAY[:code]::text[])
     ORDER BY rank, population DESC NULLS LAST LIMIT 1`,
    { type: QueryTypes.SELECT, replacements: { code: trimmed }, transaction },
  );
  if (!row) return null;
  const { insee, name, department, postalCodes, latitude, longitude, approximate } = row;
  return { insee, name, department, postalCodes, latitude, longitude, approximate };
}

/** The communes these codes name, by the rule of resolveCommune, in one query (codes naming none are left out). */
export async function communeNames(sequelize: Sequelize, codes: readonly string[]): Promise<Map<string, { name: string; department: string }>> {
  const wanted = [...new Set(codes.map((c) => c.trim().toUpperCase()).filter((c) => /^[0-9][0-9AB][0-9]{3}$/.test(c)))];
  if (!wanted.length) return new Map();
  const rows = await sequelize.query<{ code: string; name: string; department: string }>(
    `SELECT DISTINCT ON (code) code, name, department FROM (
       SELECT w.code, c.name, c.department, 0 AS rank, c.population FROM unnest(ARRAY[:wanted]::text[]) AS w(code) JOIN communes c ON c.insee = w.code
       UNION ALL
       SELECT w.code, c.name, c.department, 1 AS rank, c.population FROM unnest(ARRAY[:wanted]::text[]) AS w(code) JOIN communes c ON c.postal_codes @> ARRAY[w.code]
     ) found ORDER BY code, rank, population DESC NULLS LAST`,
    { type: QueryTypes.SELECT, replacements: { wanted } },
  );
  return new Map(rows.map((r) => [r.code, { name: r.name, department: r.department }]));
}

/** Communes for a picker: a postal code's start, or a name's start (accents, case, dashes ignored), largest first. */
export async function searchCommunes(sequelize: Sequelize, query: string, limit = 10): Promise<Commune[]> {
  const q = query.trim();
  if (!q) return [];
  if (/^[0-9][0-9AB]?[0-9]{0,3}$/i.test(q)) {
    return sequelize.query<Commune>(
      `SELECT ${COLUMNS} FROM communes
        WHERE insee = upper(:q) OR EXISTS (SELECT 1 FROM unnest(postal_codes) p WHERE p LIKE :prefix)
        ORDER BY population DESC NULLS LAST, name LIMIT :limit`,
      { type: QueryTypes.SELECT, replacements: { q, prefix: `${q}%`, limit } },
    );
  }
  return sequelize.query<Commune>(
    `SELECT ${COLUMNS} FROM communes
      WHERE replace(unaccent_lower(name), '-', ' ') LIKE replace(unaccent_lower(:q), '-', ' ') || '%'
      ORDER BY (unaccent_lower(name) = unaccent_lower(:q)) DESC, population DESC NULLS LAST, name LIMIT :limit`,
    { type: QueryTypes.SELECT, replacements: { q: q.replace(/[\\%_]/g, (c) => `\\${c}`), limit } },
  );
}

/** Distance in kilometres between two communes, by PostgreSQL (null when either is unknown). */
export async function distanceKm(sequelize: Sequelize, fromInsee: string, toInsee: string): Promise<number | null> {
  const [row] = await sequelize.query<{ km: number }>(
    `SELECT earth_distance(ll_to_earth(a.latitude, a.longitude), ll_to_earth(b.latitude, b.longitude)) / 1000 AS km
       FROM communes a, communes b WHERE a.insee = :fromInsee AND b.insee = :toInsee`,
    { type: QueryTypes.SELECT, replacements: { fromInsee, toInsee } },
  );
  return row ? Number(row.km) : null;
}
