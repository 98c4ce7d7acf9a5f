// Accommodation needs for interviews: what the candidate (or their référent) saves, and what each reader gets.
import { z } from 'zod';
import { ACCOMMODATION_DETAILS_MAX, ACCOMMODATION_NEEDS, ACCOMMODATION_NEED_LABEL } from '../../workflows/accommodation-needs.js';

const need = z.enum(ACCOMMODATION_NEEDS, { error: `besoin inconnu : choisissez parmi ${ACCOMMODATION_NEEDS.map((n) => `« ${ACCOMMODATION_NEED_LABEL[n]} »`).join(', ')}` });

export const accommodationsBody = z
  .object({
    needs: z
      .array(need, { error: 'liste de besoins attendue' })
      .max(ACCOMMODATION_NEEDS.length, `${ACCOMMODATION_NEEDS.length} besoins au plus`)
      .refine((needs) => new Set(needs).size === needs.length, 'chaque besoin une seule fois'),
    /** Free text, several lines allowed; an empty text clears it. */
    details: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
      z
        .string({ error: 'texte attendu' })
        .trim()
        .max(ACCOMMODATION_DETAILS_MAX, `${ACCOMMODATION_DETAILS_MAX} caractères au plus`)
        .nullable()
        .optional(),
    ),
    /** Consent to share them with the companies that invite the candidate to an interview; false withdraws it at once. */
    shareWithCompanies: z.boolean({ error: 'oui ou non attendu' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.needs.includes('OTHER') && !body.details) {
      ctx.addIssue({ code: 'custom', path: ['details'], message: 'précisez le besoin « Autre » en quelques mots' });
    }
  })
  .meta({ id: 'AccommodationsInput' });

const person = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }).nullable();

/** The candidate's own needs, as they or their référent edit them. */
export const accommodationsView = z
  .object({
    candidateId: z.uuid(),
    needs: z.array(need),
    details: z.string().nullable(),
    shareWithCompanies: z.boolean(),
    /** When the consent was given (kept while it lasts); null: not shared. */
    sharedConsentAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    updatedBy: person,
  })
  .meta({ id: 'Accommodations' });

/** What the inviting company reads: the needs only, with their labels. */
export const sharedAccommodationsView = z
  .object({
    applicationId: z.uuid(),
    needs: z.array(z.object({ code: need, label: z.string() })),
    details: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SharedAccommodations' });
