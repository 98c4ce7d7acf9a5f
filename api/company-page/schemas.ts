// Request and response shapes of the company page, the company's settings and the public company
// pages: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { listOf, page } from '../schemas.js';

const optionalText = (max: number) =>
  z
    .string({ error: 'texte attendu' })
    .trim()
    .max(max, `${max} caractères au plus`)
    .nullish()
    .transform((v) => v || null);
const required = (max: number) => z.string({ error: 'obligatoire (texte attendu)' }).trim().min(1, 'obligatoire').max(max, `${max} caractères au plus`);

/** The social networks a page may link to, each with the hosts its addresses are on. */
export const SOCIAL_NETWORKS = {
  linkedin: { label: 'LinkedIn', hosts: ['linkedin.com'] },
  facebook: { label: 'Facebook', hosts: ['facebook.com'] },
  instagram: { label: 'Instagram', hosts: ['instagram.com'] },
  x: { label: 'X (Twitter)', hosts: ['x.com', 'twitter.com'] },
  youtube: { label: 'YouTube', hosts: ['youtube.com', 'youtu.be'] },
} as const;
export type SocialNetwork = keyof typeof SOCIAL_NETWORKS;
const NETWORKS = Object.keys(SOCIAL_NETWORKS) as SocialNetwork[];

const onHost = (host: string, hosts: readonly string[]) => hosts.some((h) => host === h || host.endsWith(`.${h}`));

/** An https address (no credentials in it), optionally on one of `hosts`. */
const httpsUrl = (hosts?: readonly string[], label?: string) =>
  z
    .string({ error: 'adresse web attendue' })
    .trim()
    .max(500, '500 caractères au plus')
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'adresse web complète attendue, commençant par https:// (ex. https://www.exemple.fr)' });
        return;
      }
      if (url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'adresse sécurisée attendue : elle commence par https://' });
      else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'une adresse web sans identifiant ni mot de passe est attendue' });
      else if (!url.hostname.includes('.')) ctx.addIssue({ code: 'custom', message: 'adresse web complète attendue (ex. https://www.exemple.fr)' });
      else if (hosts && !onHost(url.hostname.toLowerCase(), hosts)) ctx.addIssue({ code: 'custom', message: `adresse d’une page ${label} attendue (${hosts.join(' ou ')})` });
    });

const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const optionalUrl = (hosts?: readonly string[], label?: string) => z.preprocess(emptyToNull, httpsUrl(hosts, label).nullish().transform((v) => v ?? null));

export const MAX_ADVANTAGES = 12;
export const MAX_DESCRIPTION_HTML = 20_000;
export const MAX_DESCRIPTION_TEXT = 5_000;

export const socialLinks = z
  .object(Object.fromEntries(NETWORKS.map((n) => [n, optionalUrl(SOCIAL_NETWORKS[n].hosts, SOCIAL_NETWORKS[n].label)])) as Record<SocialNetwork, ReturnType<typeof optionalUrl>>)
  .partial()
  .strict()
  .meta({ id: 'CompanySocialLinks' });

export const companyPageBody = z
  .object({
    /** Rich text as HTML: sanitized on the server (allow-list), whatever the client sends. */
    description: z.string({ error: 'texte attendu (HTML)' }).max(MAX_DESCRIPTION_HTML, `${MAX_DESCRIPTION_HTML} caractères au plus`).nullish(),
    website: optionalUrl(),
    socialLinks: socialLinks.default({}),
    advantages: z
      .array(z.string({ error: 'texte attendu' }).trim().min(1, 'un avantage ne peut pas être vide').max(120, '120 caractères au plus'), { error: 'liste de textes attendue' })
      .max(MAX_ADVANTAGES, `${MAX_ADVANTAGES} avantages au plus`)
      .default([]),
    spontaneousApplications: z.boolean({ error: 'vrai ou faux attendu' }),
    published: z.boolean({ error: 'vrai ou faux attendu' }),
    /** The pageVersion read with the page: someone else saved since → 409 CONFLICT (absent: last write wins). */
    version: z.number({ error: 'nombre attendu' }).int().min(0).optional(),
  })
  .strict()
  .meta({ id: 'CompanyPageInput' });

export const companySettingsBody = z
  .object({
    name: required(200).optional(),
    sector: optionalText(200),
    size: optionalText(50),
    address: optionalText(300),
    postalCode: z.preprocess(emptyToNull, z.string({ error: 'code postal attendu' }).trim().regex(/^\d{5}$/, 'code postal à 5 chiffres attendu (ex. 69002)').nullish()),
    city: optionalText(120),
  })
  .strict()
  .meta({ id: 'CompanySettingsInput' });

export const imageBody = z
  .object({
    contentBase64: z
      .string({ error: 'contenu de l’image attendu, encodé en base64' })
      .min(1, 'l’image est vide')
      .regex(/^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/, 'contenu base64 invalide'),
    /** What the browser says: informative only, the type is read from the content. */
    filename: z.string().max(255).optional(),
  })
  .strict()
  .meta({ id: 'CompanyImageUpload' });

const image = z.object({ url: z.string(), width: z.number(), height: z.number() }).nullable();

export const companySettings = z
  .object({
    id: z.uuid(),
    siren: z.string(),
    name: z.string(),
    sector: z.string().nullable(),
    size: z.string().nullable(),
    address: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
  })
  .meta({ id: 'CompanySettings' });

export const companyPageView = z
  .object({
    company: companySettings,
    description: z.string().nullable(),
    website: z.string().nullable(),
    socialLinks: z.record(z.string(), z.string()),
    advantages: z.array(z.string()),
    spontaneousApplications: z.boolean(),
    published: z.boolean(),
    logo: image,
    banner: image,
    version: z.number(),
    updatedAt: z.string().nullable(),
    /** Where the public reads it (once published). */
    publicPath: z.string(),
  })
  .meta({ id: 'CompanyPage' });

export const publicOffer = z.object({ id: z.uuid(), title: z.string(), contractType: z.string(), city: z.string(), postalCode: z.string(), publishedAt: z.string().nullable() });

export const publicCompanyView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    sector: z.string().nullable(),
    size: z.string().nullable(),
    city: z.string().nullable(),
    postalCode: z.string().nullable(),
    description: z.string().nullable(),
    website: z.string().nullable(),
    socialLinks: z.record(z.string(), z.string()),
    advantages: z.array(z.string()),
    spontaneousApplications: z.boolean(),
    logo: image,
    banner: image,
    offers: z.array(publicOffer),
  })
  .meta({ id: 'PublicCompany' });

export const publicCompanyListItem = publicCompanyView
  .pick({ id: true, name: true, sector: true, city: true, logo: true, spontaneousApplications: true })
  .extend({ summary: z.string(), offerCount: z.number() })
  .meta({ id: 'PublicCompanyListItem' });

export const publicCompanyList = listOf(publicCompanyListItem, 'PublicCompanyList');

export const publicCompaniesQuery = z
  .object({
    q: z.string({ error: 'texte attendu' }).trim().max(100, '100 caractères au plus').optional(),
    page,
    pageSize: z.coerce.number({ error: 'nombre attendu' }).int().min(1).max(50, '50 au plus').default(20),
  })
  .strict();
