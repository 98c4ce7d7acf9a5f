// Request and response shapes of the sponsorship routes: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { historyItem, listOf, page, pageSize, person, statusList, text, uuid } from '../schemas.js';
import { SPONSORSHIP_ACTIONS, SPONSORSHIP_STATUSES } from '../../workflows/sponsorship-rules.js';


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


export const listSponsorshipsQuery = z
  .object({
    status: statusList(SPONSORSHIP_STATUSES).optional(),
    candidateId: uuid('candidateId').optional(),
    companyId: uuid('companyId').optional(),
    page,
    pageSize,
  })
  .strict();

const contactPerson = person.extend({ email: z.string(), phone: z.string().nullable(), jobTitle: z.string().nullable() });

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

export const sponsorshipList = listOf(sponsorshipListItem, 'SponsorshipList');
