// The CVthèque's bench data (issue #17, « Performance »): N varied consenting profiles written by SQL
// in one pass (generate_series), their places among the communes weighted by population, the search
// document computed by migration 0027's trigger as in production; then the queries a recruiter makes.
import type pg from 'pg';

/** Job titles of the seed: masculine and feminine forms, so « vendeuse » and « vendeur » both occur. */
export const CV_JOBS: Array<[string, string, string]> = [
  ['D1214', 'Vendeur en prêt-à-porter', 'Vendeuse en prêt-à-porter'],
  ['D1505', 'Caissier', 'Caissière'],
  ['J1501', 'Aide-soignant', 'Aide-soignante'],
  ['J1506', 'Infirmier', 'Infirmière'],
  ['N1103', 'Préparateur de commandes', 'Préparatrice de commandes'],
  ['N1101', 'Cariste', 'Cariste'],
  ['F1602', 'Électricien du bâtiment', 'Électricienne du bâtiment'],
  ['M1607', 'Secrétaire', 'Secrétaire'],
  ['M1203', 'Comptable', 'Comptable'],
  ['M1805', 'Développeur web', 'Développeuse web'],
  ['G1602', 'Cuisinier', 'Cuisinière'],
  ['G1803', 'Serveur', 'Serveuse'],
  ['K2204', 'Agent d’entretien', 'Agente d’entretien'],
  ['K1302', 'Auxiliaire de vie', 'Auxiliaire de vie'],
  ['D1106', 'Vendeur en alimentation', 'Vendeuse en alimentation'],
  ['H2909', 'Monteur-câbleur', 'Monteuse-câbleuse'],
  ['I1304', 'Technicien de maintenance', 'Technicienne de maintenance'],
  ['M1401', 'Conseiller clientèle', 'Conseillère clientèle'],
  ['N4101', 'Conducteur poids lourd', 'Conductrice poids lourd'],
  ['A1203', 'Jardinier paysagiste', 'Jardinière paysagiste'],
];
const SKILLS = [
  'encaissement', 'accueil client', 'gestion des stocks', 'inventaire', 'soins d’hygiène', 'travail en équipe', 'pack office', 'excel',
  'javascript', 'typescript', 'react', 'comptabilité générale', 'paie', 'caces 1', 'caces 3', 'habilitation électrique', 'soudure',
  'lecture de plans', 'service en salle', 'hygiène haccp', 'conduite de chariot', 'relation client', 'merchandising', 'anglais courant',
  'langue des signes', 'permis b', 'maintenance préventive', 'dépannage', 'tri sélectif', 'taille des haies',
];
const EMPLOYERS = ['Carrefour', 'Hôpital Édouard-Herriot', 'Decathlon', 'La Poste', 'SNCF', 'Leroy Merlin', 'Sodexo', 'Onet', 'Adecco', 'Mairie de Lyon'];

export const CV_QUERIES_TEXT = ['vendeuse', 'aide-soignante', 'caissier', '"gestion des stocks"', 'cariste -interim', 'infirmière OR aide-soignante', 'développeur typescript', 'comptable paie', 'serveurs', 'électricienne habilitation'];
/** Big communes (INSEE) the queries search around. */
export const CV_QUERY_PLACES = ['69123', '75056', '13055', '31555', '33063', '59350', '44109', '67482', '35238', '38185', '42218', '21231'];

/** Writes `count` profiles (95 % consenting) with 1–2 places; returns the time taken and counts. */
export async function seedCvtheque(db: pg.Pool, passwordHash: string, count: number): Promise<{ seconds: number; rows: Record<string, number> }> {
  const started = performance.now();
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query(`CREATE TEMP TABLE bench_jobs (i int, code text, masc text, fem text) ON COMMIT DROP`);
    for (const [i, [code, masc, fem]] of CV_JOBS.entries()) await client.query(`INSERT INTO bench_jobs VALUES ($1, $2, $3, $4)`, [i, code, masc, fem]);
    // The métier list's feminine words (the lead fills the real list; the bench needs the same rewriting).
    await client.query(`INSERT INTO metier_word_forms (feminine, masculine) VALUES
      ('vendeuse','vendeur'),('caissiere','caissier'),('soignante','soignant'),('infirmiere','infirmier'),('preparatrice','preparateur'),
      ('electricienne','electricien'),('developpeuse','developpeur'),('cuisiniere','cuisinier'),('serveuse','serveur'),('agente','agent'),
      ('monteuse','monteur'),('cableuse','cableur'),('technicienne','technicien'),('conseillere','conseiller'),('conductrice','conducteur'),
      ('jardiniere','jardinier') ON CONFLICT DO NOTHING`);
    await client.query(`INSERT INTO metier_titles (code, titles) SELECT code, masc || ' ' || fem FROM bench_jobs ON CONFLICT DO NOTHING`);
    // Communes to live in: the 3,000 most populated, drawn by rank (bigger ones more often).
    await client.query(`CREATE TEMP TABLE bench_places ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY population DESC NULLS LAST, insee) - 1 AS rank, insee, latitude, longitude
        FROM communes ORDER BY population DESC NULLS LAST, insee LIMIT 3000`);
    await client.query(
      `CREATE TEMP TABLE bench_people ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
         FROM generate_series(1, $1::int) g`,
      [count],
    );
    await client.query(
      `INSERT INTO users (id, email, password_hash, role, first_name, last_name, created_at, updated_at)
       SELECT id, 'cv-' || g || '@bench.test', $1, 'CANDIDATE', 'Profil', 'N° ' || g, now() - make_interval(days => (r1 * 700)::int), now() FROM bench_people`,
      [passwordHash],
    );
    await client.query(
      `INSERT INTO candidate_profiles (user_id, rqth, headline, summary, metiers, skills, experiences, experience_months, diplomas, education_level,
                                       languages, language_codes, driving_licences, contract_types, working_times, remote, available_from,
                                       cvtheque_visible_at, rqth_shared_at, last_activity_at, created_at, updated_at)
       SELECT p.id, p.r2 < 0.8,
              CASE WHEN p.r3 < 0.5 THEN j.masc ELSE j.fem END || CASE WHEN p.g % 3 = 0 THEN ' expérimenté' ELSE '' END,
              'Personne motivée, ' || (SELECT string_agg(s, ', ') FROM unnest($1::text[]) WITH ORDINALITY AS t(s, n) WHERE (n + p.g) % 9 = 0) || '.',
              ARRAY[j.code] || CASE WHEN p.g % 4 = 0 THEN ARRAY[(SELECT code FROM bench_jobs WHERE i = (p.g * 7) % 20)] ELSE '{}' END,
              (SELECT array_agg(s) FROM unnest($1::text[]) WITH ORDINALITY AS t(s, n) WHERE (n * 7 + p.g) % 6 = 0),
              jsonb_build_array(jsonb_build_object('title', j.masc, 'employer', ($2::text[])[1 + p.g % 10], 'start', '2018-01', 'end', '2022-06',
                                                   'description', 'Missions de ' || lower(j.masc) || ' chez ' || ($2::text[])[1 + p.g % 10] || '.')),
              (p.r4 * 180)::int,
              jsonb_build_array(jsonb_build_object('title', CASE p.g % 4 WHEN 0 THEN 'CAP ' WHEN 1 THEN 'Bac pro ' WHEN 2 THEN 'BTS ' ELSE 'Licence ' END || lower(j.masc), 'level', (ARRAY[3,4,5,6])[1 + p.g % 4], 'year', 2010 + p.g % 14)),
              (ARRAY[0, 3, 3, 4, 4, 5, 6, 7, 8])[1 + p.g % 9],
              CASE WHEN p.g % 5 = 0 THEN '[{"code":"fr","level":"NATIVE"},{"code":"en","level":"B1"}]'::jsonb
                   WHEN p.g % 7 = 0 THEN '[{"code":"fr","level":"C1"},{"code":"ar","level":"NATIVE"}]'::jsonb
                   WHEN p.g % 31 = 0 THEN '[{"code":"fsl","level":"C2"},{"code":"fr","level":"B2"}]'::jsonb
                   ELSE '[{"code":"fr","level":"NATIVE"}]'::jsonb END,
              CASE WHEN p.g % 5 = 0 THEN ARRAY['fr','en'] WHEN p.g % 7 = 0 THEN ARRAY['fr','ar'] WHEN p.g % 31 = 0 THEN ARRAY['fsl','fr'] ELSE ARRAY['fr'] END,
              CASE WHEN p.r5 < 0.6 THEN ARRAY['B'] WHEN p.r5 < 0.7 THEN ARRAY['B','C'] ELSE '{}' END,
              CASE p.g % 6 WHEN 0 THEN ARRAY['CDI'] WHEN 1 THEN ARRAY['CDI','CDD'] WHEN 2 THEN ARRAY['CDD','INTERIM'] WHEN 3 THEN ARRAY['ALTERNANCE']
                           WHEN 4 THEN ARRAY['CDI','INTERIM'] ELSE ARRAY['STAGE','ALTERNANCE'] END,
              CASE WHEN p.g % 3 = 0 THEN ARRAY['PART_TIME'] ELSE ARRAY['FULL_TIME'] END,
              (ARRAY['NONE','PARTIAL','FULL'])[1 + p.g % 3],
              CASE WHEN p.r1 < 0.5 THEN NULL ELSE current_date + (p.r1 * 200)::int - 60 END,
              CASE WHEN p.g % 19 = 0 THEN NULL ELSE now() - make_interval(days => (p.r2 * 300)::int) END,
              CASE WHEN p.g % 3 = 0 THEN now() - make_interval(days => (p.r2 * 300)::int) END,
              now() - make_interval(days => (p.r3 * 365)::int),
              now() - make_interval(days => (p.r1 * 700)::int),
              now() - make_interval(days => (p.r4 * 300)::int)
         FROM bench_people p JOIN bench_jobs j ON j.i = p.g % 20`,
      [SKILLS, EMPLOYERS],
    );
    // One place each, a second for one in three; bigger communes more often (rank drawn as r²).
    await client.query(
      `INSERT INTO candidate_places (candidate_id, insee, radius_km, latitude, longitude)
       SELECT p.id, c.insee, (ARRAY[0, 5, 10, 20, 30])[1 + p.g % 5], c.latitude, c.longitude
         FROM bench_people p JOIN bench_places c ON c.rank = floor(p.r5 * p.r5 * 3000)::int
       UNION ALL
       SELECT p.id, c.insee, 10, c.latitude, c.longitude
         FROM bench_people p JOIN bench_places c ON c.rank = floor(p.r4 * 3000)::int
        WHERE p.g % 3 = 0 AND floor(p.r4 * 3000)::int <> floor(p.r5 * p.r5 * 3000)::int`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  // VACUUM too: the visibility map lets a search without text read the covering index alone.
  await db.query('VACUUM ANALYZE candidate_profiles');
  await db.query('VACUUM ANALYZE candidate_places');
  await db.query('ANALYZE users; ANALYZE communes');
  const { rows } = await db.query<{ profiles: number; visible: number; places: number }>(
    `SELECT (SELECT count(*)::int FROM candidate_profiles) AS profiles,
            (SELECT count(*)::int FROM candidate_profiles WHERE cvtheque_visible_at IS NOT NULL) AS visible,
            (SELECT count(*)::int FROM candidate_places) AS places`,
  );
  return { seconds: (performance.now() - started) / 1000, rows: rows[0]! };
}

/** The i-th query of the mix: text, text + place, filters, place + filters, relevance mode, nothing (the page as opened). */
export function cvthequeQuery(i: number): string {
  const text = CV_QUERIES_TEXT[i % CV_QUERIES_TEXT.length]!;
  const place = CV_QUERY_PLACES[(i * 7) % CV_QUERY_PLACES.length]!;
  const q = `q=${encodeURIComponent(text)}`;
  switch (i % 8) {
    case 0:
      return q;
    case 1:
      return `${q}&near=${place}&radiusKm=20`;
    case 2:
      return `${q}&near=${place}&radiusKm=30&contractType=CDI&experience=1_3,3_5`;
    case 3:
      return `near=${place}&radiusKm=15&educationLevel=4&availability=1_MONTH`;
    case 4:
      return `${q}&mode=any&department=${place.slice(0, 2)}&drivingLicence=B`;
    case 5:
      return `contractType=CDI,CDD&language=en&activity=90_DAYS&sort=updated`;
    case 6:
      return `${q}&rqth=true&seen=NOT_SEEN&page=2`;
    default:
      return i % 16 === 7 ? '' : `department=69,38&workingTime=PART_TIME`;
  }
}

/**
 * Matching's bench (issue #18, « Performance »): typical criteria a recruiter sends to `POST /api/matching`
 * over the same profiles — an offer's ideal candidate with a place and skills, a few indispensable
 * criteria, criteria without a place, everything asked. `i` picks the kind (i % 6) and the commune.
 */
export function matchingCriteria(i: number): Record<string, unknown> {
  const place = { insee: CV_QUERY_PLACES[Math.floor(i / 6) % CV_QUERY_PLACES.length]!, radiusKm: 30 };
  const [code] = CV_JOBS[i % CV_JOBS.length]!;
  switch (i % 6) {
    case 0:
      return { metier: code, experienceYears: 2, place, skills: ['encaissement', 'relation client'] };
    case 1:
      return { metier: code, place, contractTypes: ['CDI', 'CDD'], indispensable: ['metier'] };
    case 2:
      return { metier: code, experienceYears: 3, educationLevel: 4, workingTimes: ['FULL_TIME'], drivingLicences: ['B'], languages: [{ code: 'en', level: 'B1' }] };
    case 3:
      return { place: { ...place, radiusKm: 10 }, skills: ['excel', 'pack office'], remote: 'PARTIAL', indispensable: ['place'] };
    case 4:
      return {
        metier: code, experienceYears: 5, educationLevel: 5, contractTypes: ['CDI'], workingTimes: ['FULL_TIME'], place, remote: 'NONE',
        drivingLicences: ['B'], languages: [{ code: 'en', level: 'B2' }], skills: ['travail en équipe'], indispensable: ['metier', 'place'],
      };
    default:
      return { skills: ['caces 3', 'conduite de chariot'], experienceYears: 1 };
  }
}
