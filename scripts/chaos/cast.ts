// The people and organisations of a chaos run, written straight to its own database before the API
// and the worker start (as test/fixtures.ts does for the tests): verified companies with two
// recruiters and published offers (their workflows are started by the platform at start-up, like the
// demo offer's), mission officers and référents, candidates with and without a référent, two admins
// (so that two moderators can race on one offer or one company).
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import type { Role } from '../../workflows/actors.js';

export const CHAOS_PASSWORD = 'Chaos-Tremplin-2026!';

export interface CastPerson {
  id: string;
  email: string;
  role: Role;
}
export interface CastCompany {
  id: string;
  name: string;
  recruiters: CastPerson[];
  offerIds: string[];
}
export interface CastCandidate extends CastPerson {
  referent: CastPerson | null;
  missionOfficer: CastPerson | null;
}
export interface ChaosCast {
  admin: CastPerson;
  /** `admin` and a second one. */
  admins: [CastPerson, CastPerson];
  missionOfficers: CastPerson[];
  referents: Array<CastPerson & { missionOfficer: CastPerson }>;
  companies: CastCompany[];
  candidates: CastCandidate[];
}

export async function seedCast(databaseUrl: string, size: { companies: number; offersPerCompany: number; candidates: number }): Promise<ChaosCast> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // Argon2id like every account, with light parameters (the hash carries them, login reads them):
  // dozens of sign-ins at start cost milliseconds instead of seconds on a busy machine.
  const passwordHash = await hash(CHAOS_PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  let n = 0;
  const person = async (role: CastPerson['role'], extra: { companyId?: string; missionOfficerId?: string } = {}): Promise<CastPerson> => {
    const id = randomUUID();
    const email = `chaos-${role.toLowerCase().replace('_', '-')}-${++n}@chaos.test`;
    await pool.query(
      `INSERT INTO users (id, email, password_hash, role, first_name, last_name, company_id, mission_officer_id, email_confirmed_at)
       VALUES ($1, $2, $3, $4, $5, 'Chaos', $6, $7, now())`,
      [id, email, passwordHash, role, `${role.charAt(0)}${role.slice(1).toLowerCase()} ${n}`, extra.companyId ?? null, extra.missionOfficerId ?? null],
    );
    return { id, email, role };
  };
  try {
    const admin = await person('ADMIN');
    const admins: [CastPerson, CastPerson] = [admin, await person('ADMIN')];
    const missionOfficers = [await person('MISSION_OFFICER'), await person('MISSION_OFFICER')];
    const referents: ChaosCast['referents'] = [];
    for (let i = 0; i < 3; i++) {
      const missionOfficer = missionOfficers[i % missionOfficers.length]!;
      referents.push({ ...(await person('REFERENT', { missionOfficerId: missionOfficer.id })), missionOfficer });
    }
    const companies: CastCompany[] = [];
    for (let c = 0; c < size.companies; c++) {
      const id = randomUUID();
      const name = `Entreprise Chaos ${c + 1}`;
      const siren = String(100_000_000 + Math.floor(Math.random() * 800_000_000));
      await pool.query(`INSERT INTO companies (id, siren, name, status) VALUES ($1, $2, $3, 'VERIFIED')`, [id, siren, name]);
      const offerIds: string[] = [];
      for (let o = 0; o < size.offersPerCompany; o++) {
        const offerId = randomUUID();
        await pool.query(
          `INSERT INTO offers (id, company_id, title, contract_type, postal_code, city, description, status, published_at, expires_at)
           VALUES ($1, $2, $3, 'CDI', '69003', 'Lyon', 'Offre du test de pannes.', 'PUBLISHED', now(), now() + interval '60 days')`,
          [offerId, id, `Poste ${o + 1} H/F (${name})`],
        );
        offerIds.push(offerId);
      }
      const recruiters = [await person('RECRUITER', { companyId: id }), await person('RECRUITER', { companyId: id })];
      companies.push({ id, name, recruiters, offerIds });
    }
    const candidates: CastCandidate[] = [];
    for (let i = 0; i < size.candidates; i++) {
      // Two in three have a référent (validation step), the others go straight to the recruiter.
      const referent = i % 3 === 2 ? null : referents[i % referents.length]!;
      const candidate = await person('CANDIDATE');
      await pool.query(`INSERT INTO candidate_profiles (user_id, referent_id, rqth) VALUES ($1, $2, true)`, [candidate.id, referent?.id ?? null]);
      candidates.push({ ...candidate, referent, missionOfficer: referent?.missionOfficer ?? null });
    }
    return { admin, admins, missionOfficers, referents, companies, candidates };
  } finally {
    await pool.end();
  }
}
