// The verified companies a candidate (or their référent for them) may apply to spontaneously or ask a
// sponsor of: names only, searched accent- and case-free by PostgreSQL (unaccent_lower, migration 0014).
import { QueryTypes, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { User } from '../../models/index.js';
import { HttpError } from '../errors.js';
import type { listVerifiedCompaniesQuery } from './schemas.js';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Who creates applications and sponsorship requests (api/applications, api/sponsorships), and admins. */
const MAY_LIST = new Set(['CANDIDATE', 'REFERENT', 'ADMIN']);

export function verifiedCompanyService({ sequelize }: { sequelize: Sequelize }) {
  return {
    async list(user: User, query: z.output<typeof listVerifiedCompaniesQuery>) {
      if (!MAY_LIST.has(user.role)) {
        throw new HttpError('FORBIDDEN', 'Cette liste sert à candidater ou à demander un parrainage : elle est réservée aux candidats et à leurs référents.');
      }
      // TODO(company page, migration 0018): once companies say whether they take spontaneous
      // applications (`spontaneousApplications` on their page), let `?spontaneous=true` keep only those.
      const conditions = [`c.status = 'VERIFIED'`];
      const replacements: Record<string, unknown> = { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
      const q = query.q?.trim();
      if (q) {
        // Folded by the same function as the names (escaping survives it: it changes no backslash, % or _).
        conditions.push(`(unaccent_lower(c.name) LIKE unaccent_lower(:q) OR unaccent_lower(coalesce(c.city, '')) LIKE unaccent_lower(:q))`);
        replacements.q = `%${escapeLike(q)}%`;
      }
      const where = conditions.join(' AND ');
      const [rows, [{ total }]] = await Promise.all([
        sequelize.query<{ id: string; name: string; city: string | null; postal_code: string | null; published_offers: string }>(
          `SELECT c.id, c.name, c.city, c.postal_code,
                  (SELECT count(*) FROM offers o WHERE o.company_id = c.id AND o.status = 'PUBLISHED') AS published_offers
           FROM companies c WHERE ${where} ORDER BY unaccent_lower(c.name), c.id LIMIT :limit OFFSET :offset`,
          { type: QueryTypes.SELECT, replacements },
        ),
        sequelize.query<{ total: string }>(`SELECT count(*) AS total FROM companies c WHERE ${where}`, { type: QueryTypes.SELECT, replacements }),
      ]);
      return {
        items: rows.map((r) => ({ id: r.id, name: r.name, city: r.city, postalCode: r.postal_code, publishedOffers: Number(r.published_offers) })),
        total: Number(total),
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  };
}
