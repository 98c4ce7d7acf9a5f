// CVthèque profiles for tests (issue #17): a candidate with a profile, its places and consents, written
// straight to the database as the profile API (part `profile`) would leave them — the search document
// is the triggers' (migration 0027), never written here. createVisibleProfile and uploadCv make the
// profile a company works (test/cvtheque-work.test.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { savedSearchScheduleId } from '../api/cvtheque-lists/schedules.js';
import type { MatchCriteria } from '../workflows/matching-criteria.js';
import { pdfBytes } from './document-fixtures.js';
import { createUser, type Person } from './fixtures.js';
import { eventually, mails, sql, temporalClient } from './support.js';

export interface ProfileFixture {
  headline?: string;
  summary?: string;
  metiers?: string[];
  skills?: string[];
  experiences?: Array<{ title: string; employer?: string | null; start: string; end?: string | null; description?: string | null }>;
  diplomas?: Array<{ title: string; level: number; year?: number | null }>;
  educationLevel?: number | null;
  experienceMonths?: number;
  languages?: Array<{ code: string; level: string }>;
  drivingLicences?: string[];
  contractTypes?: string[];
  workingTimes?: string[];
  availableFrom?: string | null;
  /** Places wished: INSEE code and radius (the commune's point is copied, as the profile API does). */
  places?: Array<{ insee: string; radiusKm?: number }>;
  /** The CVthèque consent (default: given). */
  visible?: boolean;
  rqth?: boolean;
  /** The RQTH consent (default: not given). */
  rqthShared?: boolean;
  lastActivityDaysAgo?: number;
  /** Text of an uploaded CV, as part `cvtext` would store it once read. */
  cvText?: string;
  referentId?: string | null;
}

export interface ProfilePerson extends Person {
  fixture: ProfileFixture;
}

export async function createProfile(fixture: ProfileFixture): Promise<ProfilePerson> {
  const person = await createUser('CANDIDATE', { referentId: fixture.referentId ?? null });
  await sql(
    `UPDATE candidate_profiles SET headline = $2, summary = $3, metiers = $4, skills = $5, experiences = $6, diplomas = $7,
            education_level = $8, experience_months = $9, languages = $10, language_codes = $11, driving_licences = $12,
            contract_types = $13, working_times = $14, available_from = $15, rqth = $16,
            cvtheque_visible_at = CASE WHEN $17 THEN now() END, rqth_shared_at = CASE WHEN $18 THEN now() END,
            last_activity_at = now() - make_interval(days => $19), updated_at = now()
      WHERE user_id = $1`,
    [
      person.id,
      fixture.headline ?? null,
      fixture.summary ?? null,
      fixture.metiers ?? [],
      fixture.skills ?? [],
      JSON.stringify(fixture.experiences ?? []),
      JSON.stringify(fixture.diplomas ?? []),
      fixture.educationLevel ?? null,
      fixture.experienceMonths ?? 0,
      JSON.stringify(fixture.languages ?? []),
      (fixture.languages ?? []).map((l) => l.code),
      fixture.drivingLicences ?? [],
      fixture.contractTypes ?? [],
      fixture.workingTimes ?? [],
      fixture.availableFrom ?? null,
      fixture.rqth ?? false,
      fixture.visible ?? true,
      fixture.rqthShared ?? false,
      fixture.lastActivityDaysAgo ?? 0,
    ],
  );
  for (const place of fixture.places ?? []) {
    await sql(
      `INSERT INTO candidate_places (candidate_id, insee, radius_km, latitude, longitude)
       SELECT $1, insee, $3, latitude, longitude FROM communes WHERE insee = $2`,
      [person.id, place.insee, place.radiusKm ?? 0],
    );
  }
  if (fixture.cvText) await addCvText(person.id, fixture.cvText);
  return { ...person, fixture };
}

/** A CV of this candidate whose text was read (status EXTRACTED); returns its id. */
export async function addCvText(candidateId: string, text: string, status: 'EXTRACTED' | 'UNREADABLE' | 'PENDING' = 'EXTRACTED'): Promise<string> {
  const id = randomUUID();
  await sql(
    `INSERT INTO documents (id, candidate_id, kind, filename, mime_type, size_bytes, storage_key, text_status, text_content, text_extracted_at)
     VALUES ($1, $2, 'CV', 'cv.pdf', 'application/pdf', 1000, $3, $4, $5, now())`,
    [id, candidateId, randomBytes(24).toString('hex'), status, status === 'EXTRACTED' ? text : null],
  );
  return id;
}

/** Feminine → masculine words of the métier list the tests rely on (the lead fills the whole list). */
export const TEST_WORD_FORMS: Array<[string, string]> = [
  ['vendeuse', 'vendeur'],
  ['caissiere', 'caissier'],
  ['infirmiere', 'infirmier'],
  ['soignante', 'soignant'],
  ['electricienne', 'electricien'],
];

export async function ensureWordForms(): Promise<void> {
  for (const [feminine, masculine] of TEST_WORD_FORMS) {
    await sql(`INSERT INTO metier_word_forms (feminine, masculine) VALUES ($1, $2) ON CONFLICT (feminine) DO NOTHING`, [feminine, masculine]);
  }
}

/** A word no profile of another test carries: every search of a test names it to see only its own profiles. */
export const uniqueWord = () =>
  `zq${Array.from(randomBytes(6))
    .map((b) => String.fromCharCode(97 + (b % 26)))
    .join('')}`;

export interface VisibleProfileOptions {
  referentId?: string | null;
  firstName?: string;
  lastName?: string;
  headline?: string;
  summary?: string;
  metiers?: string[];
  skills?: string[];
  /** Savoir-être codes (workflows/soft-skills.ts). */
  softSkills?: string[];
  /** Shares their RQTH (its own consent, apart from the CVthèque's). */
  rqthShared?: boolean;
  phone?: string;
}

/**
 * A candidate who joined the CVthèque (consent given now, recorded in profile_consents), with a
 * profile worth reading: headline, summary, métiers, skills, one experience, languages, wishes and a
 * place (Lyon, 20 km).
 */
export async function createVisibleProfile(options: VisibleProfileOptions = {}): Promise<Person> {
  const person = await createUser('CANDIDATE', { referentId: options.referentId ?? null, firstName: options.firstName ?? 'Maëlle', lastName: options.lastName ?? 'Vasseur' });
  await sql(`UPDATE users SET phone = $2 WHERE id = $1`, [person.id, options.phone ?? '06 11 22 33 44']);
  await sql(
    `UPDATE candidate_profiles SET headline = $2, summary = $3, metiers = $4, skills = $5,
       experiences = $6::jsonb, experience_months = 30, diplomas = '[{"title":"CAP Électricien","level":3,"year":2019}]'::jsonb, education_level = 3,
       languages = '[{"code":"fr","level":"C2"},{"code":"en","level":"B1"}]'::jsonb, language_codes = '{fr,en}', driving_licences = '{B}',
       contract_types = '{CDI,CDD}', working_times = '{FULL_TIME}', remote = 'NONE', available_from = current_date,
       cvtheque_visible_at = now(), rqth_shared_at = $7, last_activity_at = now(), soft_skills = $8
     WHERE user_id = $1`,
    [
      person.id,
      options.headline ?? 'Électricienne du bâtiment',
      options.summary ?? 'Cinq ans de chantiers, habilitations électriques à jour.',
      options.metiers ?? ['F1602'],
      options.skills ?? ['Habilitation B1V', 'Lecture de plans'],
      JSON.stringify([{ title: 'Électricienne', employer: 'BTP Rhône', start: '2020-01', end: '2022-06', description: 'Installations tertiaires.' }]),
      options.rqthShared ? new Date().toISOString() : null,
      options.softSkills ?? ['RIGOUR', 'TEAMWORK'],
    ],
  );
  await sql(`INSERT INTO profile_consents (candidate_id, consent, granted, recorded_by) VALUES ($1, 'CVTHEQUE', true, $1)`, [person.id]);
  const [lyon] = await sql(`SELECT insee, latitude, longitude FROM communes WHERE insee = '69123'`);
  if (lyon) {
    await sql(`UPDATE candidate_profiles SET commune_insee = '69123' WHERE user_id = $1`, [person.id]);
    await sql(`INSERT INTO candidate_places (candidate_id, insee, radius_km, latitude, longitude) VALUES ($1, '69123', 20, $2, $3)`, [person.id, lyon.latitude, lyon.longitude]);
  }
  return person;
}

/** The candidate withdraws their CVthèque consent (as the profile's route does: at once, logged). */
export async function withdrawCvthequeConsent(candidateId: string): Promise<void> {
  await sql(`UPDATE candidate_profiles SET cvtheque_visible_at = NULL WHERE user_id = $1`, [candidateId]);
  await sql(`INSERT INTO profile_consents (candidate_id, consent, granted, recorded_by) VALUES ($1, 'CVTHEQUE', false, $1)`, [candidateId]);
}

/** The candidate uploads a CV through the API (a real PDF); returns the document's id. */
export async function uploadCv(candidate: Person, note = 'CV'): Promise<string> {
  const response = await (await candidate.client()).post('/api/me/documents', { kind: 'CV', filename: 'Maëlle Vasseur - CV.pdf', mimeType: 'application/pdf', contentBase64: pdfBytes(note).toString('base64') });
  if (response.status !== 201) throw new Error(`CV upload: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** Triggers a saved search's Schedule now and waits for that run: its workflow id and its outcome. */
export async function triggerSavedSearchAlert(savedSearchId: string): Promise<{ workflowId: string; outcome: string }> {
  const handle = (await temporalClient()).schedule.getHandle(savedSearchScheduleId(savedSearchId));
  const before = (await handle.describe()).info.recentActions.length;
  await handle.trigger();
  const action = await eventually(async () => (await handle.describe()).info.recentActions[before], 20_000, 'the triggered run');
  const { workflowId, firstExecutionRunId } = action.action.workflow;
  // Two triggers in one second share the workflow id (the time to the second): the run id tells them apart.
  return { workflowId, outcome: await (await temporalClient()).workflow.getHandle(workflowId, firstExecutionRunId).result() };
}

/** The alert mails of a saved search (its name in their subject) caught for this address. */
export const savedSearchAlertMails = async (email: string, name: string) => (await mails(email)).filter((m) => m.subject.includes(`« ${name} »`));

/**
 * Matching criteria for a seller in Lyon (D1106, 3 years, 10 km) that ask `skill` — a test's own word — as
 * indispensable, so that other files' profiles never match; `extra` adds to them (its indispensable too).
 */
export const sellerCriteria = (skill: string, extra: MatchCriteria = {}): MatchCriteria => ({
  metier: 'D1106',
  experienceYears: 3,
  place: { insee: '69123', radiusKm: 10 },
  skills: [skill],
  ...extra,
  indispensable: ['skills', ...(extra.indispensable ?? [])],
});
