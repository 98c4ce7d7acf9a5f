// Data of a bench run, written straight to PostgreSQL: the small cast the transitions use, fresh
// applications for the SQL baseline, and the read-path data set (companies, référents, candidates,
// offers, applications and their histories) generated inside the server with generate_series.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Actor } from '../../workflows/actors.js';
import type { ApplicationWorkflowInput } from '../../workflows/application.js';

/** A référent's spontaneous application as the API's service starts it: no offer, CV nor screening answer. */
export function spontaneousApplication(parties: ApplicationWorkflowInput['parties'], createdBy: Actor, message: string | null, timers: ApplicationWorkflowInput['timers']): ApplicationWorkflowInput {
  return { applicationId: randomUUID(), parties, offerId: null, createdBy, message, screeningAnswer: null, cvDocumentId: null, createdAt: new Date().toISOString(), timers };
}

export interface Cast {
  companyId: string;
  recruiter: string;
  /** An administrator: moderates (approves) the recruiter's offers. */
  admin: string;
  missionOfficer: string;
  referent: string;
  referentId: string;
  missionOfficerId: string;
  candidateIds: string[];
}

/** One verified company with its recruiter, an administrator, a mission officer, a référent and `candidates` of theirs. */
export async function seedCast(db: pg.Pool, passwordHash: string, candidates: number): Promise<Cast> {
  const companyId = randomUUID();
  const ids = { mission: randomUUID(), referent: randomUUID(), recruiter: randomUUID(), admin: randomUUID() };
  await db.query(`INSERT INTO companies (id, siren, name, status, city) VALUES ($1, '100000009', 'Atelier du banc d’essai', 'VERIFIED', 'Lyon')`, [companyId]);
  const user = (id: string, email: string, role: string, extra: { companyId?: string; missionOfficerId?: string } = {}) =>
    db.query(
      `INSERT INTO users (id, email, password_hash, role, first_name, last_name, company_id, mission_officer_id, email_confirmed_at)
       VALUES ($1, $2, $3, $4, $5, 'Banc', $6, $7, now())`,
      [id, email, passwordHash, role, role.charAt(0) + role.slice(1).toLowerCase(), extra.companyId ?? null, extra.missionOfficerId ?? null],
    );
  await user(ids.mission, 'mission@bench.test', 'MISSION_OFFICER');
  await user(ids.referent, 'referent@bench.test', 'REFERENT', { missionOfficerId: ids.mission });
  await user(ids.recruiter, 'recruiter@bench.test', 'RECRUITER', { companyId });
  await user(ids.admin, 'admin@bench.test', 'ADMIN');
  await db.query(`INSERT INTO company_memberships (id, company_id, user_id, kind, status) VALUES ($1, $2, $3, 'FOUNDER', 'VERIFIED')`, [randomUUID(), companyId, ids.recruiter]);
  const { rows } = await db.query<{ id: string }>(
    `WITH c AS (SELECT gen_random_uuid() AS id, g FROM generate_series(1, $1::int) g),
     u AS (INSERT INTO users (id, email, password_hash, role, first_name, last_name)
           SELECT id, 'candidate-' || g || '@bench.test', $2, 'CANDIDATE', 'Candidat', 'N° ' || g FROM c RETURNING id)
     INSERT INTO candidate_profiles (user_id, referent_id, rqth) SELECT id, $3, true FROM u RETURNING user_id AS id`,
    [candidates, passwordHash, ids.referent],
  );
  return {
    companyId,
    recruiter: 'recruiter@bench.test',
    admin: 'admin@bench.test',
    missionOfficer: 'mission@bench.test',
    referent: 'referent@bench.test',
    referentId: ids.referent,
    missionOfficerId: ids.mission,
    candidateIds: rows.map((r) => r.id),
  };
}

/**
 * Applications waiting for the cast's référent, written as the API writes them (row + `created`
 * event), without a workflow: the SQL baseline's fresh applications, one per candidate of
 * `candidateIds` (a candidate has one live spontaneous application per company at most).
 */
export async function seedBaselineApplications(db: pg.Pool, cast: Cast, candidateIds: string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH a AS (
       INSERT INTO applications (id, candidate_id, company_id, referent_id, created_by, status, status_changed_at, message, workflow_id)
       SELECT id, ($1::uuid[])[g], $2, $3, $3, 'PENDING_REFERENT_VALIDATION', now(),
              'Candidature de référence (SQL)', 'application-' || id
       FROM (SELECT gen_random_uuid() AS id, g FROM generate_series(1, $4::int) g) s
       RETURNING id, created_by, status_changed_at)
     INSERT INTO application_events (application_id, seq, type, to_status, actor_id, actor_role, message, at)
     SELECT id, 0, 'created', 'PENDING_REFERENT_VALIDATION', created_by, 'REFERENT', 'Candidature de référence (SQL)', status_changed_at FROM a
     RETURNING application_id AS id`,
    [candidateIds, cast.companyId, cast.referentId, candidateIds.length],
  );
  return rows.map((r) => r.id);
}

export interface ReadScale {
  applications: number;
  companies: number;
  referents: number;
  candidates: number;
  offersPerCompany: number;
}

const JOBS = [
  ['Technicien de maintenance H/F', 'Maintenance', 'Technicien de maintenance'],
  ['Assistant administratif H/F', 'Administration', 'Assistant administratif'],
  ['Développeur web H/F', 'Informatique', 'Développeur'],
  ['Comptable H/F', 'Finance', 'Comptable'],
  ['Préparateur de commandes H/F', 'Logistique', 'Préparateur de commandes'],
  ['Conseiller clientèle H/F', 'Relation client', 'Conseiller clientèle'],
  ['Agent d’accueil H/F', 'Accueil', 'Agent d’accueil'],
  ['Chargé de paie H/F', 'Ressources humaines', 'Gestionnaire de paie'],
  ['Électricien H/F', 'Bâtiment', 'Électricien'],
  ['Cuisinier H/F', 'Restauration', 'Cuisinier'],
  ['Infirmier H/F', 'Santé', 'Infirmier'],
  ['Juriste H/F', 'Juridique', 'Juriste'],
];
const CITIES = [
  ['69002', 'Lyon'],
  ['75011', 'Paris'],
  ['13001', 'Marseille'],
  ['31000', 'Toulouse'],
  ['33000', 'Bordeaux'],
  ['59000', 'Lille'],
  ['44000', 'Nantes'],
  ['67000', 'Strasbourg'],
  ['34000', 'Montpellier'],
  ['35000', 'Rennes'],
  ['06000', 'Nice'],
  ['38000', 'Grenoble'],
];
export const SEARCH_WORDS = JOBS.map((j) => j[2]!.split(' ')[0]!.toLowerCase()).concat(CITIES.map((c) => c[1]!.toLowerCase()));
export const SEARCH_DEPARTMENTS = CITIES.map((c) => c[0]!.slice(0, 2));

/** Status mix of the seeded applications (weights out of 100), and how many events each has. */
const STATUS_MIX: Array<[string, number, number]> = [
  ['PENDING_REFERENT_VALIDATION', 10, 1],
  ['REJECTED_BY_REFERENT', 3, 2],
  ['PENDING_RECRUITER', 20, 2],
  ['ACCEPTED', 15, 3],
  ['INTERVIEW_PROPOSED', 7, 4],
  ['INTERVIEW_DONE', 5, 5],
  ['HIRED', 8, 6],
  ['NOT_HIRED', 7, 6],
  ['REFUSED', 15, 3],
  ['WITHDRAWN', 10, 3],
];

export interface ReadDataSet {
  referentEmails: string[];
  recruiterEmails: string[];
  candidateEmail: string;
  offerIdsByCompany: Map<string, string[]>;
  recruiterCompany: Map<string, string>;
  seconds: number;
  rows: Record<string, number>;
}

/**
 * The read-path data set, generated by PostgreSQL itself (INSERT … SELECT FROM generate_series):
 * companies with one verified recruiter each, mission officers, référents, candidates spread over the
 * référents, offers (80 % published), applications with a realistic status mix and their histories.
 */
export async function seedReadDataSet(db: pg.Pool, passwordHash: string, scale: ReadScale): Promise<ReadDataSet> {
  const started = Date.now();
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    // Stable ids from names (md5), shaped as RFC 9562 version-4 UUIDs so the API's validation takes them.
    await client.query(`CREATE FUNCTION pg_temp.uid(text) RETURNS uuid IMMUTABLE LANGUAGE sql AS $$ SELECT overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$`);
    await client.query(`CREATE TEMP TABLE seed_jobs (i int, title text, family text, job text) ON COMMIT DROP`);
    await client.query(`INSERT INTO seed_jobs SELECT i - 1, j->>0, j->>1, j->>2 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(j, i)`, [JSON.stringify(JOBS)]);
    await client.query(`CREATE TEMP TABLE seed_cities (i int, postal text, city text) ON COMMIT DROP`);
    await client.query(`INSERT INTO seed_cities SELECT i - 1, j->>0, j->>1 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(j, i)`, [JSON.stringify(CITIES)]);
    await client.query(
      `INSERT INTO companies (id, siren, name, status, city, sector)
       SELECT pg_temp.uid('company' || g), lpad((900000000 + g)::text, 9, '0'), 'Entreprise ' || g, 'VERIFIED', 'Ville', 'Services'
       FROM generate_series(0, $1::int - 1) g`,
      [scale.companies],
    );
    await client.query(
      `INSERT INTO users (id, email, password_hash, role, first_name, last_name, company_id, email_confirmed_at)
       SELECT pg_temp.uid('recruiter' || g), 'recruiter-' || g || '@read.bench.test', $2, 'RECRUITER', 'Recruteur', 'N° ' || g, pg_temp.uid('company' || g), now()
       FROM generate_series(0, $1::int - 1) g`,
      [scale.companies, passwordHash],
    );
    await client.query(
      `INSERT INTO company_memberships (id, company_id, user_id, kind, status)
       SELECT pg_temp.uid('membership' || g), pg_temp.uid('company' || g), pg_temp.uid('recruiter' || g), 'FOUNDER', 'VERIFIED'
       FROM generate_series(0, $1::int - 1) g`,
      [scale.companies],
    );
    const missionOfficers = Math.max(1, Math.ceil(scale.referents / 10));
    await client.query(
      `INSERT INTO users (id, email, password_hash, role, first_name, last_name)
       SELECT pg_temp.uid('mission' || g), 'mission-' || g || '@read.bench.test', $2, 'MISSION_OFFICER', 'Chargé', 'N° ' || g
       FROM generate_series(0, $1::int - 1) g`,
      [missionOfficers, passwordHash],
    );
    await client.query(
      `INSERT INTO users (id, email, password_hash, role, first_name, last_name, mission_officer_id)
       SELECT pg_temp.uid('referent' || g), 'referent-' || g || '@read.bench.test', $2, 'REFERENT', 'Référent', 'N° ' || g, pg_temp.uid('mission' || (g % $3))
       FROM generate_series(0, $1::int - 1) g`,
      [scale.referents, passwordHash, missionOfficers],
    );
    await client.query(
      `INSERT INTO users (id, email, password_hash, role, first_name, last_name)
       SELECT pg_temp.uid('candidate' || g), 'candidate-' || g || '@read.bench.test', $2, 'CANDIDATE', 'Candidat', 'N° ' || g
       FROM generate_series(0, $1::int - 1) g`,
      [scale.candidates, passwordHash],
    );
    await client.query(
      `INSERT INTO candidate_profiles (user_id, referent_id, rqth)
       SELECT pg_temp.uid('candidate' || g), pg_temp.uid('referent' || (g % $2)), true FROM generate_series(0, $1::int - 1) g`,
      [scale.candidates, scale.referents],
    );
    // Offers: o = company * offersPerCompany + k; 80 % published (k % 5 <> 4), the rest archived or draft.
    await client.query(
      `INSERT INTO offers (id, company_id, title, contract_type, postal_code, city, departments, job_family, job, description,
                           remote, status, status_changed_at, published_at, expires_at, created_at, updated_at)
       SELECT pg_temp.uid('offer' || o), pg_temp.uid('company' || (o / $2)), j.title,
              (ARRAY['CDI','CDD','INTERIM','ALTERNANCE','STAGE'])[1 + o % 5], c.postal, c.city, ARRAY[left(c.postal, 2)], j.family, j.job,
              'Au sein d’une équipe bienveillante, vous assurez les missions de ' || lower(j.job) || ' à ' || c.city ||
              '. Poste aménageable, locaux accessibles, accompagnement par un référent handicap. Horaires adaptables, ' ||
              'formation à la prise de poste, mutuelle et tickets restaurant. Offre n° ' || o || '.',
              (ARRAY['NONE','PARTIAL','FULL'])[1 + o % 3],
              CASE WHEN o % 5 <> 4 THEN 'PUBLISHED' WHEN o % 2 = 0 THEN 'ARCHIVED' ELSE 'DRAFT' END,
              now() - (o % 50) * interval '1 day',
              CASE WHEN o % 5 <> 4 OR o % 2 = 0 THEN now() - (o % 50) * interval '1 day' END,
              CASE WHEN o % 5 <> 4 THEN now() + (10 + o % 50) * interval '1 day' END,
              now() - (o % 50 + 1) * interval '1 day', now()
       FROM generate_series(0, $1::int * $2::int - 1) o
       JOIN seed_jobs j ON j.i = (o * 7) % ${JOBS.length}
       JOIN seed_cities c ON c.i = (o * 5 + o / 3) % ${CITIES.length}`,
      [scale.companies, scale.offersPerCompany],
    );
    // Applications: i → candidate i % candidates, company (i + 137 * (i / candidates)) % companies, so a
    // candidate's applications go to different companies (one live application per candidate and offer).
    const cumulative: string[] = [];
    let acc = 0;
    for (const [status, weight] of STATUS_MIX) {
      acc += weight;
      cumulative.push(`WHEN (i * 37) % 100 < ${acc} THEN '${status}'`);
    }
    const depth = STATUS_MIX.map(([status, , events]) => `WHEN '${status}' THEN ${events}`).join(' ');
    await client.query(
      `WITH a AS (
         INSERT INTO applications (id, candidate_id, company_id, offer_id, referent_id, created_by, status, status_changed_at, message,
                                   sent_to_company_at, workflow_id, created_at, updated_at)
         SELECT id, candidate, company, offer, referent, candidate, status, changed,
                'Bonjour, je souhaite vous rejoindre. Candidature n° ' || i || '.',
                CASE WHEN status NOT IN ('PENDING_REFERENT_VALIDATION', 'REJECTED_BY_REFERENT') THEN created + interval '1 day' END,
                'application-' || id, created, changed
         FROM (
           SELECT i, pg_temp.uid('application' || i) AS id,
                  pg_temp.uid('candidate' || (i % $2)) AS candidate,
                  pg_temp.uid('company' || ((i + 137 * (i / $2)) % $3)) AS company,
                  CASE WHEN i % 5 = 4 THEN NULL ELSE pg_temp.uid('offer' || (((i + 137 * (i / $2)) % $3) * $5 + (i / $2) % $5)) END AS offer,
                  pg_temp.uid('referent' || ((i % $2) % $4)) AS referent,
                  CASE ${cumulative.join(' ')} END AS status,
                  now() - ((i * 7919) % 525600) * interval '1 minute' - interval '2 days' AS created,
                  now() - ((i * 7919) % 525600) * interval '1 minute' + ((i % 48) * interval '1 hour') AS changed
           FROM generate_series(0, $1::int - 1) i
         ) s
         RETURNING id, status, created_by, created_at)
       INSERT INTO application_events (application_id, seq, type, from_status, to_status, actor_id, actor_role, message, at)
       SELECT a.id, s, CASE WHEN s = 0 THEN 'created' WHEN s = 1 THEN 'validate' ELSE 'accept' END,
              CASE WHEN s > 0 THEN 'PENDING_REFERENT_VALIDATION' END, a.status, a.created_by, 'CANDIDATE', NULL,
              a.created_at + s * interval '1 hour'
       FROM a CROSS JOIN LATERAL generate_series(0, (CASE a.status ${depth} END) - 1) s`,
      [scale.applications, scale.candidates, scale.companies, scale.referents, scale.offersPerCompany],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  await db.query('ANALYZE');
  const counts = await db.query<{ t: string; n: string }>(
    `SELECT 'applications' AS t, count(*) AS n FROM applications UNION ALL SELECT 'application_events', count(*) FROM application_events
     UNION ALL SELECT 'offers', count(*) FROM offers UNION ALL SELECT 'published offers', count(*) FROM offers WHERE status = 'PUBLISHED'
     UNION ALL SELECT 'companies', count(*) FROM companies UNION ALL SELECT 'users', count(*) FROM users`,
  );
  const offers = await db.query<{ company_id: string; id: string }>(
    `SELECT company_id, id FROM offers WHERE status = 'PUBLISHED'
     AND company_id IN (SELECT company_id FROM users WHERE email = ANY($1::text[]))`,
    [Array.from({ length: 10 }, (_, g) => `recruiter-${g}@read.bench.test`)],
  );
  const offerIdsByCompany = new Map<string, string[]>();
  for (const row of offers.rows) offerIdsByCompany.set(row.company_id, [...(offerIdsByCompany.get(row.company_id) ?? []), row.id]);
  const sample = Math.min(10, scale.companies, scale.referents);
  const recruiterCompany = new Map<string, string>();
  const companyIds = await db.query<{ email: string; company_id: string }>(
    `SELECT email, company_id FROM users WHERE email = ANY($1::text[])`,
    [Array.from({ length: sample }, (_, g) => `recruiter-${g}@read.bench.test`)],
  );
  for (const row of companyIds.rows) recruiterCompany.set(row.email, row.company_id);
  return {
    referentEmails: Array.from({ length: sample }, (_, g) => `referent-${g}@read.bench.test`),
    recruiterEmails: Array.from({ length: sample }, (_, g) => `recruiter-${g}@read.bench.test`),
    candidateEmail: 'candidate-0@read.bench.test',
    offerIdsByCompany,
    recruiterCompany,
    seconds: (Date.now() - started) / 1000,
    rows: Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n)])),
  };
}
