// The directories, for signed-in professionals (référents, mission officers, recruiters, admins): a
// candidate gets 403 — the directories are a tool of the people who accompany and hire, as the back
// office is of admins — and nobody else appears in them. Only who consented (directory_consent_at, read
// at every request: a withdrawn consent removes the person from the next answer) and whose account is
// not disabled. Searches fold accents and case with unaccent_lower (migration 0014): « helene » finds
// « Hélène ».
import { QueryTypes, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { User } from '../../models/index.js';
import { DEPARTMENTS } from '../../workflows/departments.js';
import { HttpError } from '../errors.js';
import type { companyDirectoryQuery, referentDirectoryQuery } from './schemas.js';
import { offerOnline } from '../offers/online.js';

const READERS = new Set(['REFERENT', 'MISSION_OFFICER', 'RECRUITER', 'ADMIN']);
const DEPARTMENT_NAMES = new Map<string, string>(DEPARTMENTS);
const OFFERS_SHOWN = 10;

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Each word of `q` (10 at most) somewhere in `haystack`, accents and case folded. */
function wordsIn(haystack: string, q: string | undefined, replacements: Record<string, unknown>): string[] {
  const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 10);
  return words.map((word, i) => {
    replacements[`word${i}`] = likeEscape(word);
    return `unaccent_lower(${haystack}) LIKE '%' || unaccent_lower(:word${i}) || '%'`;
  });
}

export function directoryService({ sequelize }: { sequelize: Sequelize }) {
  function mayRead(user: User) {
    if (!READERS.has(user.role)) throw new HttpError('FORBIDDEN', 'L’annuaire est réservé aux référents, aux chargés de mission, aux recruteurs et aux administrateurs.');
  }

  async function count(sql: string, replacements: Record<string, unknown>): Promise<number> {
    const [row] = await sequelize.query<{ total: string }>(sql, { type: QueryTypes.SELECT, replacements });
    return Number(row?.total ?? 0);
  }

  return {
    async referents(user: User, query: z.output<typeof referentDirectoryQuery>) {
      mayRead(user);
      const replacements: Record<string, unknown> = { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
      const conditions = [`u.role IN ('REFERENT', 'MISSION_OFFICER')`, 'u.directory_consent_at IS NOT NULL', 'u.disabled_at IS NULL'];
      // The name, and the establishment and function the person gave.
      conditions.push(...wordsIn(`u.first_name || ' ' || u.last_name || ' ' || coalesce(u.directory_establishment, '') || ' ' || coalesce(u.directory_function, '')`, query.q, replacements));
      if (query.department?.length) {
        conditions.push('u.directory_department IN (:departments)');
        replacements.departments = query.department;
      }
      const where = conditions.join(' AND ');
      const rows = await sequelize.query<{
        id: string;
        role: 'REFERENT' | 'MISSION_OFFICER';
        first_name: string;
        last_name: string;
        directory_function: string | null;
        directory_establishment: string | null;
        directory_department: string | null;
        email: string;
        phone: string | null;
      }>(
        `SELECT u.id, u.role, u.first_name, u.last_name, u.directory_function, u.directory_establishment, u.directory_department, u.email, u.phone
         FROM users u WHERE ${where}
         ORDER BY unaccent_lower(u.last_name), unaccent_lower(u.first_name), u.id LIMIT :limit OFFSET :offset`,
        { type: QueryTypes.SELECT, replacements },
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          role: r.role,
          firstName: r.first_name,
          lastName: r.last_name,
          function: r.directory_function,
          establishment: r.directory_establishment,
          department: r.directory_department,
          departmentName: r.directory_department ? (DEPARTMENT_NAMES.get(r.directory_department) ?? null) : null,
          email: r.email,
          phone: r.phone,
        })),
        total: await count(`SELECT count(*) AS total FROM users u WHERE ${where}`, replacements),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async companies(user: User, query: z.output<typeof companyDirectoryQuery>) {
      mayRead(user);
      const replacements: Record<string, unknown> = { limit: query.pageSize, offset: (query.page - 1) * query.pageSize, shown: OFFERS_SHOWN };
      const conditions = [`c.status = 'VERIFIED'`, ...wordsIn('c.name', query.q, replacements)];
      const where = conditions.join(' AND ');
      const live = `o.company_id = c.id AND ${offerOnline('o')}`;
      const rows = await sequelize.query<{
        id: string;
        name: string;
        sector: string | null;
        city: string | null;
        published_offers: string;
        offers: Array<{ id: string; title: string; city: string }>;
        recruiters: Array<{ id: string; firstName: string; lastName: string; jobTitle: string | null; email: string; phone: string | null }>;
      }>(
        `SELECT c.id, c.name, c.sector, c.city,
                (SELECT count(*) FROM offers o WHERE ${live}) AS published_offers,
                coalesce((SELECT json_agg(json_build_object('id', x.id, 'title', x.title, 'city', x.city))
                          FROM (SELECT o.id, o.title, o.city FROM offers o WHERE ${live} ORDER BY o.published_at DESC NULLS LAST, o.id LIMIT :shown) x), '[]') AS offers,
                coalesce((SELECT json_agg(json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name, 'jobTitle', u.job_title, 'email', u.email, 'phone', u.phone)
                                          ORDER BY unaccent_lower(u.last_name), unaccent_lower(u.first_name), u.id)
                          FROM users u
                          WHERE u.company_id = c.id AND u.role = 'RECRUITER' AND u.directory_consent_at IS NOT NULL AND u.disabled_at IS NULL), '[]') AS recruiters
         FROM companies c WHERE ${where}
         ORDER BY unaccent_lower(c.name), c.id LIMIT :limit OFFSET :offset`,
        { type: QueryTypes.SELECT, replacements },
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          sector: r.sector,
          city: r.city,
          publishedOffers: Number(r.published_offers),
          offers: r.offers.map((o) => ({ ...o, link: `/offres/${o.id}` })),
          recruiters: r.recruiters,
        })),
        total: await count(`SELECT count(*) AS total FROM companies c WHERE ${where}`, replacements),
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  };
}
