// Request and response shapes of the référent's candidates: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { personName } from '../../models/person-name.js';
import { email } from '../companies/schemas.js';
import { documentView } from '../documents/schemas.js';
import { listOf, page, pageSize, person } from '../schemas.js';

const optional = <T extends z.ZodType<string | null | undefined>>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullish()).transform((v) => (v as string | null | undefined) ?? null);

export const createCandidateBody = z
  .object({
    firstName: personName(),
    lastName: personName(),
    email,
    phone: optional(
      z
        .string({ error: 'numéro de téléphone attendu' })
        .trim()
        .regex(/^\+?[0-9][0-9 .()-]{5,24}$/, 'numéro de téléphone attendu (ex. 06 12 34 56 78 ou +33 6 12 34 56 78)'),
    ),
    postalCode: optional(z.string({ error: 'code postal attendu' }).trim().regex(/^\d{5}$/, 'code postal à 5 chiffres attendu (ex. 69002)')),
    city: optional(z.string({ error: 'texte attendu' }).trim().max(120, '120 caractères au plus')),
    rqth: z.boolean({ error: 'oui ou non attendu (reconnaissance de la qualité de travailleur handicapé)' }),
  })
  .strict()
  .meta({ id: 'CreateCandidate' });

export const listReferentCandidatesQuery = z
  .object({
    page,
    pageSize,
    q: z.string().trim().max(100, '100 caractères au plus').optional(),
  })
  .strict();

export const createdCandidate = z
  .object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string() })
  .meta({ id: 'CreatedCandidate' });

export const referentCandidateItem = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    rqth: z.boolean(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    /** Applications of this candidate, whatever their status. */
    applications: z.number(),
    referent: person.nullable(),
    /** False while the candidate has not yet chosen their own password (invitation pending). */
    accountActivated: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'ReferentCandidate' });

export const referentCandidateList = listOf(referentCandidateItem, 'ReferentCandidateList');

export const referentCandidateView = referentCandidateItem
  .extend({ phone: z.string().nullable(), documents: z.array(documentView) })
  .meta({ id: 'ReferentCandidateDetail' });
