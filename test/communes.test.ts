// The CVthèque's geography (issue #17, item 4) on the migrated database: every commune has a point,
// GeoNames' where it has one, an estimate flagged as approximate where not; known distances by
// cube/earthdistance; a place named by INSEE or postal code; the picker's search.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Sequelize } from 'sequelize';
import { createDatabase } from '../models/index.js';
import { distanceKm, resolveCommune, searchCommunes } from '../models/communes.js';
import { sql } from './support.js';

let sequelize: Sequelize;
beforeAll(() => {
  sequelize = createDatabase(inject('databaseUrl'), { poolMax: 2 });
});
afterAll(() => sequelize.close());

describe('communes', () => {
  it('holds every current commune of the official list, each with a point, the estimated ones flagged', async () => {
    const [counts] = await sql(`SELECT count(*)::int AS all, count(*) FILTER (WHERE approximate)::int AS approximate,
      count(DISTINCT department)::int AS departments FROM communes`);
    expect(counts.all).toBeGreaterThan(34_800); // 34,969 current communes, less the uninhabited TAAF and Clipperton
    expect(counts.approximate).toBeGreaterThan(15_000);
    expect(counts.all - counts.approximate).toBeGreaterThan(14_000); // GeoNames' cities500 places
    expect(counts.departments).toBeGreaterThanOrEqual(101);
    const [mayotte] = await sql(`SELECT approximate, latitude FROM communes WHERE insee = '97611'`); // Mamoudzou
    expect(mayotte).toMatchObject({ approximate: false });
    expect(mayotte.latitude).toBeCloseTo(-12.78, 1);
  });

  it('measures known distances with earthdistance', async () => {
    expect(await distanceKm(sequelize, '69123', '69266')).toBeGreaterThan(2); // Lyon–Villeurbanne ≈ 3 km
    expect(await distanceKm(sequelize, '69123', '69266')).toBeLessThan(4);
    const parisLyon = (await distanceKm(sequelize, '75056', '69123'))!;
    expect(parisLyon).toBeGreaterThan(380); // ≈ 390 km as the crow flies
    expect(parisLyon).toBeLessThan(400);
    expect(await distanceKm(sequelize, '13055', '13055')).toBe(0);
    expect(await distanceKm(sequelize, '13055', '00000')).toBeNull();
  });

  it('places a commune GeoNames lacks near the communes sharing its postal code, flagged approximate', async () => {
    // L'Abergement-Clémenciat (01001, postal code 01400) has no cities500 entry.
    const abergement = (await resolveCommune(sequelize, '01001'))!;
    expect(abergement).toMatchObject({ name: 'L\'Abergement-Clémenciat', department: '01', approximate: true });
    const [neighbours] = await sql(`SELECT count(*)::int AS n, max(earth_distance(ll_to_earth(c.latitude, c.longitude), ll_to_earth($1, $2)) / 1000) AS km
      FROM communes c WHERE '01400' = ANY (c.postal_codes) AND NOT c.approximate`, [abergement.latitude, abergement.longitude]);
    expect(neighbours.n).toBeGreaterThan(0);
    expect(neighbours.km).toBeLessThan(30);
    // and a radius search from Châtillon-sur-Chalaronne (01093, 01400) finds it within 15 km
    expect(await distanceKm(sequelize, '01093', '01001')).toBeLessThan(15);
  });

  it('resolves an INSEE code first (the codes overlap), then a postal code to its most populated commune, nothing else', async () => {
    expect(await resolveCommune(sequelize, '69266')).toMatchObject({ name: 'Villeurbanne', approximate: false });
    // 69100 is Villeurbanne's postal code and Irigny's INSEE code: the INSEE code wins, as the pickers send INSEE codes.
    expect(await resolveCommune(sequelize, '69100')).toMatchObject({ insee: '69100', name: 'Irigny' });
    expect(await resolveCommune(sequelize, '75011')).toMatchObject({ insee: '75056' });
    expect(await resolveCommune(sequelize, '2a004')).toMatchObject({ name: 'Ajaccio' });
    expect(await resolveCommune(sequelize, '99999')).toBeNull();
    expect(await resolveCommune(sequelize, 'Lyon')).toBeNull();
  });

  it('finds communes by the start of their name or postal code, largest first', async () => {
    expect((await searchCommunes(sequelize, 'saint etienne'))[0]).toMatchObject({ insee: '42218' });
    expect((await searchCommunes(sequelize, 'VILLEURB'))[0]).toMatchObject({ insee: '69266' });
    expect((await searchCommunes(sequelize, '6900'))[0]).toMatchObject({ insee: '69123' });
    expect(await searchCommunes(sequelize, '%')).toEqual([]);
    expect(await searchCommunes(sequelize, '   ')).toEqual([]);
  });
});
