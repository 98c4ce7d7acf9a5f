// Request and response shapes of « working a profile » (issue #17, item 6) and of the contact
// requests: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { historyItem, listOf, page, pageSize, statusList, text } from '../schemas.js';
import { CONTACT_REQUEST_ACTIONS, CONTACT_REQUEST_STATUSES } from '../../workflows/contact-request-rules.js';
import { SOFT_SKILLS } from '../../workflows/soft-skills.js';

export const CVTHEQUE_DECISIONS = ['RETAINED', 'DISCARDED'] as const;

/** Optimistic concurrency, as the application's private note: `version` is the `commentVersion` read. */
export const commentBody = z
  .object({
    comment: text(4000),
    version: z
      .number({ error: 'nombre entier attendu : la version du commentaire lue (commentVersion du profil)' })
      .int('nombre entier attendu')
      .min(0, '0 au moins')
      .max(2_147_483_647, 'version inconnue'),
  })
  .strict()
  .meta({ id: 'CvthequeComment' });

export const decisionBody = z
  .object({
    decision: z.enum(CVTHEQUE_DECISIONS, { error: 'RETAINED, DISCARDED ou null attendu' }).nullable(),
  })
  .strict()
  .meta({ id: 'CvthequeDecision' });

export const contactBody = z
  .object({
    message: z
      .string({ error: (issue) => (issue.input === undefined ? 'obligatoire : présentez votre demande en quelques mots' : 'texte attendu') })
      .trim()
      .min(1, 'un message est obligatoire pour présenter votre demande')
      .max(2000, '2000 caractères au plus'),
  })
  .strict()
  .meta({ id: 'CvthequeContact' });

export const contactTransitionBody = z
  .object({ action: z.enum(CONTACT_REQUEST_ACTIONS, { error: `action : une valeur parmi ${CONTACT_REQUEST_ACTIONS.join(', ')}` }) })
  .strict()
  .meta({ id: 'ContactRequestTransition' });

export const listContactRequestsQuery = z
  .object({
    status: statusList(CONTACT_REQUEST_STATUSES).optional(),
    page,
    pageSize,
  })
  .strict();

const contactDetails = z.object({ firstName: z.string(), lastName: z.string(), email: z.string(), phone: z.string().nullable() });

export const contactRequestView = z
  .object({
    id: z.uuid(),
    status: z.enum(CONTACT_REQUEST_STATUSES),
    statusChangedAt: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    message: z.string(),
    company: z.object({ id: z.uuid(), name: z.string() }),
    /** The profile's neutral reference (« Profil n° … »), for everyone. */
    candidateId: z.uuid(),
    reference: z.string(),
    /** Who it is: to the candidate's side and admins always, to the company once ACCEPTED. */
    candidate: contactDetails.nullable(),
    allowedActions: z.array(z.enum(CONTACT_REQUEST_ACTIONS)),
    history: z.array(historyItem).optional(),
  })
  .meta({ id: 'ContactRequest' });

export const contactRequestList = listOf(contactRequestView, 'ContactRequestList');

const experience = z.object({ title: z.string(), employer: z.string().nullable().optional(), start: z.string().meta({ description: 'AAAA-MM' }), end: z.string().nullable().meta({ description: 'AAAA-MM, null si en cours' }), description: z.string().nullable().optional() }).passthrough();

export const companyProfileView = z
  .object({
    candidateId: z.uuid(),
    reference: z.string(),
    headline: z.string().nullable(),
    summary: z.string().nullable(),
    metiers: z.array(z.string()),
    metierTitles: z.array(z.string()).meta({ description: 'Les mêmes métiers par leur intitulé (liste ROME)' }),
    skills: z.array(z.string()),
    softSkills: z.array(z.enum(SOFT_SKILLS)).meta({ description: 'Savoir-être choisis par la personne (5 au plus), par leur code' }),
    experiences: z.array(experience),
    experienceMonths: z.number(),
    diplomas: z.array(z.record(z.string(), z.unknown())),
    educationLevel: z.number().nullable(),
    languages: z.array(z.record(z.string(), z.unknown())),
    drivingLicences: z.array(z.string()),
    contractTypes: z.array(z.string()),
    workingTimes: z.array(z.string()),
    remote: z.string().nullable(),
    availableFrom: z.string().nullable(),
    commune: z.object({ insee: z.string(), name: z.string(), department: z.string() }).nullable(),
    places: z.array(z.object({ insee: z.string(), name: z.string(), department: z.string(), radiusKm: z.number() })),
    /** Only when the candidate shares it (its own consent); null otherwise. */
    rqth: z.boolean().nullable(),
    cv: z.object({ textStatus: z.string().nullable(), uploadedAt: z.string() }).nullable(),
    updatedAt: z.string(),
    lastActivityAt: z.string(),
    /** This company's own view (recruiters): seen times, private comment, decision. Null for admins. */
    company: z
      .object({
        firstSeenAt: z.string().nullable(),
        lastSeenAt: z.string().nullable(),
        comment: z.string().nullable(),
        commentVersion: z.number(),
        commentUpdatedAt: z.string().nullable(),
        decision: z.enum(CVTHEQUE_DECISIONS).nullable(),
        decidedAt: z.string().nullable(),
      })
      .nullable(),
    /** This company's latest request (live or answered). */
    contactRequest: contactRequestView.nullable(),
    /** Name, e-mail and phone: only once this company has an ACCEPTED request. */
    contact: contactDetails.nullable(),
  })
  .meta({ id: 'CvthequeProfile' });
