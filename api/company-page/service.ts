// The company page (its recruiters edit it; the public reads it once published), the company's own
// settings (name, sector, size, address: its recruiters; the SIREN only in the back office), and the
// logo and banner (processed by images.ts, stored in company_images).
import { QueryTypes, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { User } from '../../models/index.js';
import { HttpError, invalidField, notFound } from '../errors.js';
import { processImage, type ImageKind } from './images.js';
import { sanitizeDescription, textOf } from './sanitize.js';
import { companyPageIsPublic } from './visibility.js';
import { MAX_DESCRIPTION_TEXT, type companyPageBody, type companySettingsBody, type imageBody, type publicCompaniesQuery } from './schemas.js';
import { offerOnline } from '../offers/online.js';

interface Deps {
  sequelize: Sequelize;
}

interface PageRow {
  id: string;
  siren: string;
  name: string;
  sector: string | null;
  size: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  status: string;
  description: string | null;
  website: string | null;
  social_links: Record<string, string>;
  advantages: string[];
  spontaneous_applications: boolean;
  page_published: boolean;
  page_version: number;
  page_updated_at: Date | null;
  logo_sha256: string | null;
  banner_sha256: string | null;
}

const PAGE_COLUMNS = `id, siren, name, sector, size, address, postal_code, city, status, description, website, social_links, advantages,
  spontaneous_applications, page_published, page_version, page_updated_at, logo_sha256, banner_sha256`;

/** What the public sees of a company: a verified one whose page is published. */
const PUBLIC = companyPageIsPublic();

const imagePath = (companyId: string, kind: 'logo' | 'banner', sha: string | null) => (sha ? `/api/public/companies/${companyId}/${kind}?v=${sha.slice(0, 16)}` : null);
const imageOf = (row: Pick<PageRow, 'id' | 'logo_sha256' | 'banner_sha256'>, kind: 'logo' | 'banner') => {
  const url = imagePath(row.id, kind, kind === 'logo' ? row.logo_sha256 : row.banner_sha256);
  if (!url) return null;
  return kind === 'logo' ? { url, width: 256, height: 256 } : { url, width: 1200, height: 300 };
};

function settingsOf(row: PageRow) {
  return { id: row.id, siren: row.siren.trim(), name: row.name, sector: row.sector, size: row.size, address: row.address, postalCode: row.postal_code, city: row.city };
}

function pageView(row: PageRow) {
  return {
    company: settingsOf(row),
    description: sanitizeDescription(row.description),
    website: row.website,
    socialLinks: row.social_links ?? {},
    advantages: row.advantages ?? [],
    spontaneousApplications: row.spontaneous_applications,
    published: row.page_published,
    logo: imageOf(row, 'logo'),
    banner: imageOf(row, 'banner'),
    version: row.page_version,
    updatedAt: row.page_updated_at ? new Date(row.page_updated_at).toISOString() : null,
    publicPath: `/entreprises/${row.id}`,
  };
}

export function companyPageService({ sequelize }: Deps) {
  async function pageRow(id: string): Promise<PageRow | undefined> {
    const [row] = await sequelize.query<PageRow>(`SELECT ${PAGE_COLUMNS} FROM companies WHERE id = :id`, { type: QueryTypes.SELECT, replacements: { id } });
    return row;
  }

  /** The recruiter's company, when both their place in it and the company are verified; 403 otherwise. */
  async function ownCompany(user: User): Promise<string> {
    const refusal = () => new HttpError('FORBIDDEN', 'Réservé aux recruteurs d’une entreprise vérifiée : la page de l’entreprise se modifie depuis « Mon entreprise ».');
    if (user.role !== 'RECRUITER' || !user.companyId) throw refusal();
    const [row] = await sequelize.query<{ status: string | null; company_status: string }>(
      `SELECT m.status, c.status AS company_status FROM companies c LEFT JOIN company_memberships m ON m.company_id = c.id AND m.user_id = :userId WHERE c.id = :companyId`,
      { type: QueryTypes.SELECT, replacements: { userId: user.id, companyId: user.companyId } },
    );
    // An account predating memberships (no row) counts as verified, like models/recruiters.ts.
    if (!row || (row.status !== null && row.status !== 'VERIFIED') || row.company_status !== 'VERIFIED') throw refusal();
    return user.companyId;
  }

  async function offersOf(companyId: string) {
    const rows = await sequelize.query<{ id: string; title: string; contract_type: string; city: string; postal_code: string; published_at: Date | null }>(
      `SELECT id, title, contract_type, city, postal_code, published_at FROM offers WHERE company_id = :companyId AND ${offerOnline()}
       ORDER BY published_at DESC NULLS LAST, id LIMIT 100`,
      { type: QueryTypes.SELECT, replacements: { companyId } },
    );
    return rows.map((o) => ({ id: o.id, title: o.title, contractType: o.contract_type, city: o.city, postalCode: o.postal_code, publishedAt: o.published_at ? new Date(o.published_at).toISOString() : null }));
  }

  return {
    async get(user: User) {
      const row = await pageRow(await ownCompany(user));
      if (!row) throw notFound('Entreprise');
      return pageView(row);
    },

    /**
     * The whole page in one UPDATE: of two saves at once, PostgreSQL's row lock makes one wait for the
     * other, and the page ends as one of them wrote it, never a mix. With `version`, the second is
     * refused (409) instead of silently replacing the first.
     */
    async put(user: User, body: z.output<typeof companyPageBody>) {
      const companyId = await ownCompany(user);
      const description = sanitizeDescription(body.description);
      if (textOf(description).length > MAX_DESCRIPTION_TEXT) throw invalidField('description', `${MAX_DESCRIPTION_TEXT} caractères de texte au plus`);
      const links = Object.fromEntries(Object.entries(body.socialLinks).filter(([, url]) => url)) as Record<string, string>;
      const [rows] = (await sequelize.query(
        `UPDATE companies SET description = :description, website = :website, social_links = CAST(:links AS jsonb), advantages = ARRAY(SELECT jsonb_array_elements_text(CAST(:advantages AS jsonb))),
           spontaneous_applications = :spontaneous, page_published = :published, page_version = page_version + 1,
           page_updated_at = now(), page_updated_by = :userId, updated_at = now()
         WHERE id = :companyId ${body.version === undefined ? '' : 'AND page_version = :version'}
         RETURNING ${PAGE_COLUMNS}`,
        {
          replacements: {
            companyId,
            userId: user.id,
            description,
            website: body.website,
            links: JSON.stringify(links),
            advantages: JSON.stringify(body.advantages),
            spontaneous: body.spontaneousApplications,
            published: body.published,
            version: body.version ?? null,
          },
        },
      )) as [PageRow[], unknown];
      const row = rows[0];
      if (!row) {
        const current = await pageRow(companyId);
        throw new HttpError('CONFLICT', 'La page vient d’être modifiée par une autre personne : rechargez-la pour voir ses changements, puis enregistrez à nouveau.', {
          version: current?.page_version,
        });
      }
      return pageView(row);
    },

    async patchSettings(user: User, body: z.output<typeof companySettingsBody>) {
      const companyId = await ownCompany(user);
      const columns: Record<string, string> = { name: 'name', sector: 'sector', size: 'size', address: 'address', postalCode: 'postal_code', city: 'city' };
      const sets = Object.keys(body)
        .filter((key) => key in columns && (body as Record<string, unknown>)[key] !== undefined)
        .map((key) => `${columns[key]} = :${key}`);
      if (sets.length) {
        await sequelize.query(`UPDATE companies SET ${sets.join(', ')}, updated_at = now() WHERE id = :companyId`, { replacements: { ...body, companyId } });
      }
      return pageView((await pageRow(companyId))!);
    },

    async putImage(user: User, kind: ImageKind, body: z.output<typeof imageBody>) {
      const companyId = await ownCompany(user);
      const image = await processImage(kind, Buffer.from(body.contentBase64, 'base64'));
      const column = kind === 'LOGO' ? 'logo_sha256' : 'banner_sha256';
      await sequelize.transaction(async (transaction) => {
        await sequelize.query(
          `INSERT INTO company_images (company_id, kind, content, mime_type, width, height, sha256) VALUES (:companyId, :kind, :content, :mime, :width, :height, :sha)
           ON CONFLICT (company_id, kind) DO UPDATE SET content = EXCLUDED.content, mime_type = EXCLUDED.mime_type, width = EXCLUDED.width, height = EXCLUDED.height,
             sha256 = EXCLUDED.sha256, created_at = now()`,
          { transaction, replacements: { companyId, kind, content: image.content, mime: image.mimeType, width: image.width, height: image.height, sha: image.sha256 } },
        );
        await sequelize.query(`UPDATE companies SET ${column} = :sha, page_updated_at = now(), page_updated_by = :userId WHERE id = :companyId`, {
          transaction,
          replacements: { companyId, sha: image.sha256, userId: user.id },
        });
      });
      return pageView((await pageRow(companyId))!);
    },

    async deleteImage(user: User, kind: ImageKind) {
      const companyId = await ownCompany(user);
      const column = kind === 'LOGO' ? 'logo_sha256' : 'banner_sha256';
      await sequelize.transaction(async (transaction) => {
        await sequelize.query(`DELETE FROM company_images WHERE company_id = :companyId AND kind = :kind`, { transaction, replacements: { companyId, kind } });
        await sequelize.query(`UPDATE companies SET ${column} = NULL, page_updated_at = now(), page_updated_by = :userId WHERE id = :companyId`, {
          transaction,
          replacements: { companyId, userId: user.id },
        });
      });
      return pageView((await pageRow(companyId))!);
    },

    async publicList(query: z.output<typeof publicCompaniesQuery>) {
      const where = `${PUBLIC} ${query.q ? `AND unaccent_lower(name) LIKE '%' || unaccent_lower(:q) || '%'` : ''}`;
      const q = query.q?.replace(/[\\%_]/g, (c) => `\\${c}`);
      const rows = await sequelize.query<PageRow & { offer_count: string; total: string }>(
        `SELECT ${PAGE_COLUMNS}, count(*) OVER () AS total,
                (SELECT count(*) FROM offers o WHERE o.company_id = companies.id AND ${offerOnline('o')}) AS offer_count
         FROM companies WHERE ${where} ORDER BY unaccent_lower(name), id LIMIT :limit OFFSET :offset`,
        { type: QueryTypes.SELECT, replacements: { q, limit: query.pageSize, offset: (query.page - 1) * query.pageSize } },
      );
      const total = rows[0] ? Number(rows[0].total) : (await sequelize.query<{ n: string }>(`SELECT count(*) AS n FROM companies WHERE ${where}`, { type: QueryTypes.SELECT, replacements: { q } }))[0]!.n;
      return {
        items: rows.map((row) => {
          const words = textOf(sanitizeDescription(row.description));
          return {
            id: row.id,
            name: row.name,
            sector: row.sector,
            city: row.city,
            logo: imageOf(row, 'logo'),
            spontaneousApplications: row.spontaneous_applications,
            summary: words.length > 200 ? `${words.slice(0, 197).replace(/\s+\S*$/, '')}…` : words,
            offerCount: Number(row.offer_count),
          };
        }),
        total: Number(total),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async publicGet(id: string) {
      const [row] = await sequelize.query<PageRow>(`SELECT ${PAGE_COLUMNS} FROM companies WHERE id = :id AND ${PUBLIC}`, { type: QueryTypes.SELECT, replacements: { id } });
      if (!row) throw notFound('Entreprise');
      const page = pageView(row);
      return {
        id: row.id,
        name: row.name,
        sector: row.sector,
        size: row.size,
        city: row.city,
        postalCode: row.postal_code,
        description: page.description,
        website: page.website,
        socialLinks: page.socialLinks,
        advantages: page.advantages,
        spontaneousApplications: page.spontaneousApplications,
        logo: page.logo,
        banner: page.banner,
        offers: await offersOf(row.id),
      };
    },

    /**
     * An image as served: to anyone once the page is published, else only to the company's recruiters
     * (their preview); 404 for everyone else. `shared`: whether a public cache may keep it.
     */
    async image(user: User | undefined, id: string, kind: ImageKind) {
      const [row] = await sequelize.query<{ content: Buffer; mime_type: string; sha256: string; public: boolean }>(
        `SELECT i.content, i.mime_type, i.sha256, ${companyPageIsPublic('c')} AS public
         FROM company_images i JOIN companies c ON c.id = i.company_id WHERE i.company_id = :id AND i.kind = :kind`,
        { type: QueryTypes.SELECT, replacements: { id, kind } },
      );
      if (!row) throw notFound('Image');
      if (!row.public) {
        const own = user?.role === 'RECRUITER' && user.companyId === id && (await ownCompany(user).then(() => true, () => false));
        if (!own) throw notFound('Image');
      }
      return { content: row.content, mimeType: row.mime_type, sha256: row.sha256, shared: row.public };
    },
  };
}
