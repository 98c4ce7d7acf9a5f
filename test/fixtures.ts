// People and organisations beyond the demo data, written straight to the database so tests can check
// who may see and do what: a second company, a second référent, candidates with and without one.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { hashPassword } from '../models/passwords.js';
import type { Role } from '../workflows/actors.js';
import { luhnValid } from '../workflows/company-numbers.js';
import { ApiClient, sql } from './support.js';

let passwordHash: Promise<string> | undefined;
const hashed = () => (passwordHash ??= hashPassword(inject('demoPassword')));

export interface Person {
  id: string;
  email: string;
  client: () => Promise<ApiClient>;
}

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@test.local`;

export async function createUser(
  role: Role,
  options: {
    companyId?: string;
    missionOfficerId?: string;
    referentId?: string | null;
    firstName?: string;
    lastName?: string;
    /** Disabled from its first instant. */
    disabled?: boolean;
    /** A membership of its company still awaiting the operators' check (a recruiter not yet verified). */
    pendingMembership?: boolean;
  } = {},
): Promise<Person> {
  const id = randomUUID();
  const email = unique(role.toLowerCase());
  // One statement: a reader running meanwhile (a reminder telling the company's recruiters, in a
  // concurrent test) never sees a disabled or unverified recruiter as an active one.
  await sql(
    `WITH person AS (
       INSERT INTO users (id, email, password_hash, role, first_name, last_name, company_id, mission_officer_id, disabled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9::boolean THEN now() END) RETURNING id, company_id)
     INSERT INTO company_memberships (id, company_id, user_id, kind, status)
       SELECT gen_random_uuid(), company_id, id, 'MEMBER', 'PENDING_ADMIN_VERIFICATION' FROM person WHERE $10::boolean`,
    [
      id,
      email,
      await hashed(),
      role,
      options.firstName ?? role.charAt(0) + role.slice(1).toLowerCase(),
      options.lastName ?? 'Test',
      options.companyId ?? null,
      options.missionOfficerId ?? null,
      options.disabled === true,
      options.pendingMembership === true,
    ],
  );
  if (role === 'CANDIDATE') {
    await sql(`INSERT INTO candidate_profiles (user_id, referent_id, rqth) VALUES ($1, $2, true)`, [id, options.referentId ?? null]);
  }
  let client: ApiClient | undefined;
  return { id, email, client: async () => (client ??= await ApiClient.login(email)) };
}

export async function createCompany(name = 'Entreprise de test'): Promise<{ id: string; offerId: string }> {
  const id = randomUUID();
  const siren = String(100_000_000 + Math.floor(Math.random() * 800_000_000));
  await sql(`INSERT INTO companies (id, siren, name, status) VALUES ($1, $2, $3, 'VERIFIED')`, [id, siren, name]);
  return { id, offerId: await insertPublishedOffer(id) };
}

/** A published offer of this company written as the back office would: no workflow, online for 60 days. */
export async function insertPublishedOffer(companyId: string, title = 'Technicien de maintenance H/F', description = 'Maintenance des équipements.'): Promise<string> {
  const id = randomUUID();
  await sql(
    `INSERT INTO offers (id, company_id, title, contract_type, postal_code, city, description, status, published_at, expires_at)
     VALUES ($1, $2, $3, 'CDI', '75011', 'Paris', $4, 'PUBLISHED', now(), now() + interval '60 days')`,
    [id, companyId, title, description],
  );
  return id;
}

/** A whole cast: one company with two recruiters, another company, a mission officer with a référent and candidates. */
export async function createCast() {
  const company = await createCompany('Entreprise A');
  const otherCompany = await createCompany('Entreprise B');
  const missionOfficer = await createUser('MISSION_OFFICER');
  const otherMissionOfficer = await createUser('MISSION_OFFICER');
  const referent = await createUser('REFERENT', { missionOfficerId: missionOfficer.id });
  const otherReferent = await createUser('REFERENT', { missionOfficerId: otherMissionOfficer.id });
  const candidate = await createUser('CANDIDATE', { referentId: referent.id });
  const otherCandidate = await createUser('CANDIDATE', { referentId: otherReferent.id });
  const loneCandidate = await createUser('CANDIDATE', { referentId: null });
  const recruiter = await createUser('RECRUITER', { companyId: company.id });
  const colleague = await createUser('RECRUITER', { companyId: company.id });
  const otherRecruiter = await createUser('RECRUITER', { companyId: otherCompany.id });
  const admin = await createUser('ADMIN');
  return {
    company,
    otherCompany,
    missionOfficer,
    otherMissionOfficer,
    referent,
    otherReferent,
    candidate,
    otherCandidate,
    loneCandidate,
    recruiter,
    colleague,
    otherRecruiter,
    admin,
  };
}
export type Cast = Awaited<ReturnType<typeof createCast>>;

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A SIREN that passes Luhn: 8 random digits and the key that completes them. */
export function validSiren(): string {
  const body = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)).join('');
  for (let key = 0; key < 10; key++) if (luhnValid(`${body}${key}`)) return `${body}${key}`;
  throw new Error('unreachable');
}

/**
 * A company page written as its recruiters would leave it (issue #15, item 4): `published` or not, with
 * a logo and a banner (plain WebP images of the sizes the API makes) unless `images: false`, taking
 * spontaneous applications unless `spontaneous: false`.
 */
export async function writeCompanyPage(companyId: string, options: { published?: boolean; images?: boolean; description?: string; spontaneous?: boolean } = {}): Promise<void> {
  const { default: sharp } = await import('sharp');
  const { createHash } = await import('node:crypto');
  const shas: Record<string, string | null> = { LOGO: null, BANNER: null };
  if (options.images !== false) {
    for (const [kind, width, height] of [['LOGO', 256, 256], ['BANNER', 1200, 300]] as const) {
      const content = await sharp({ create: { width, height, channels: 3, background: '#0b4f9c' } }).webp().toBuffer();
      const sha = createHash('sha256').update(content).update(companyId).digest('hex');
      await sql(
        `INSERT INTO company_images (company_id, kind, content, mime_type, width, height, sha256) VALUES ($1, $2, $3, 'image/webp', $4, $5, $6)
         ON CONFLICT (company_id, kind) DO UPDATE SET content = EXCLUDED.content, sha256 = EXCLUDED.sha256`,
        [companyId, kind, content, width, height, sha],
      );
      shas[kind] = sha;
    }
  }
  await sql(
    `UPDATE companies SET page_published = $2, description = $3, advantages = '{Tickets restaurant}', logo_sha256 = $4, banner_sha256 = $5, spontaneous_applications = $6 WHERE id = $1`,
    [companyId, options.published ?? true, options.description ?? '<p>Une entreprise engagée pour l’emploi de tous.</p>', shas.LOGO, shas.BANNER, options.spontaneous ?? true],
  );
}
