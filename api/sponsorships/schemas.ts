// Request and response shapes of the sponsorship routes: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { SPONSORSHIP_ACTIONS, SPONSORSHIP_STATUSES } from '../../workflows/sponsorship-rules.js';

const uuid = (what: string) => z.uuid({ error: `${what} doit être un identifiant (UUID)` });
const text = (max: number) => z.string({ error: 'texte attendu' }).max(max, `${max} caractères au plus`);

export const createSponsorshipBody = z
  .object({
    companyId: z.uuid({ error: (issue) => (issue.input === undefined ? 'obligatoire : l’entreprise à qui demander un parrain' : 'companyId doit être un identifiant (UUID)') }),
    message: z
      .string({ error: (issue) => (issue.input === undefined ? 'obligatoire : présentez la demande à l’entreprise' : 'texte attendu') })
      .trim()
      .min(1, 'un message est obligatoire pour présenter la demande')
      .max(5000, '5000 caractères au plus'),
    candidateId: uuid('candidateId').optional(),
  })
  .strict()
  .meta({ id: 'CreateSponsorship' });

export const sponsorshipTransitionBody = z
  .discriminatedUnion(
    'action',
    [
      z.object({ action: z.literal('accept'), sponsorUserId: uuid('sponsorUserId').nullish() }).strict(),
      z.object({ action: z.literal('refuse'), comment: text(5000).nullish() }).strict(),
    ],
    { error: `action : une valeur parmi ${SPONSORSHIP_ACTIONS.join(', ')}` },
  )
  .meta({ id: 'SponsorshipTransition' });

const statusList = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    if (value === 'all') return [...SPONSORSHIP_STATUSES];
    const statuses = value.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = statuses.filter((s) => !(SPONSORSHIP_STATUSES as readonly string[]).includes(s));
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `statut inconnu : ${unknown.join(', ')} (valeurs : ${SPONSORSHIP_STATUSES.join(', ')} ou all)` });
    return statuses as (typeof SPONSORSHIP_STATUSES)[number][];
  });

export const listSponsorshipsQuery = z
  .object({
    status: statusList.optional(),
    candidateId: uuid('candidateId').optional(),
    companyId: uuid('companyId').optional(),
    page: z.coerce.number({ error: 'numéro de page attendu' }).int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number({ error: 'nombre attendu' }).int().min(1).max(100, '100 au plus').default(20),
  })
  .strict();

const person = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });
const contactPerson = person.extend({ email: z.string(), phone: z.string().nullable(), jobTitle: z.string().nullable() });
const historyItem = z.object({
  type: z.string(),
  at: z.string(),
  actor: person.extend({ role: z.string() }).nullable(),
  message: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
});

export const sponsorshipView = z
  .object({
    id: z.uuid(),
    status: z.enum(SPONSORSHIP_STATUSES),
    statusChangedAt: z.string(),
    createdAt: z.string(),
    message: z.string(),
    comment: z.string().nullable(),
    company: z.object({ id: z.uuid(), name: z.string() }),
    candidate: person.extend({ email: z.string() }),
    referent: person.nullable(),
    requestedBy: person.nullable(),
    /** The sponsor named on acceptance, with what the candidate and référent need to reach them. */
    sponsor: contactPerson.nullable(),
    /** To the company's recruiters while the request waits: who may be named sponsor. */
    eligibleSponsors: z.array(person.extend({ jobTitle: z.string().nullable() })).optional(),
    history: z.array(historyItem),
    allowedActions: z.array(z.enum(SPONSORSHIP_ACTIONS)),
    workflowId: z.string(),
  })
  .meta({ id: 'Sponsorship' });

export const sponsorshipListItem = sponsorshipView
  .pick({ id: true, status: true, statusChangedAt: true, createdAt: true, company: true, candidate: true, referent: true })
  .extend({ sponsor: person.nullable(), waitingDays: z.number() })
  .meta({ id: 'SponsorshipListItem' });

export const sponsorshipList = z
  .object({ items: z.array(sponsorshipListItem), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'SponsorshipList' });
