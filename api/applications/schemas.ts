// Request and response shapes of the application routes: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { APPLICATION_ACTIONS, APPLICATION_STATUSES, INTERVIEW_MODES } from '../../workflows/application-rules.js';

const uuid = (what: string) => z.uuid({ error: `${what} doit être un identifiant (UUID)` });
const text = (max: number) => z.string({ error: 'texte attendu' }).max(max, `${max} caractères au plus`);

export const createApplicationBody = z
  .object({
    offerId: uuid('offerId').optional(),
    companyId: uuid('companyId').optional(),
    candidateId: uuid('candidateId').optional(),
    message: text(5000).optional(),
    screeningAnswer: text(5000).optional(),
    cvDocumentId: uuid('cvDocumentId').optional(),
  })
  .strict()
  .refine((body) => Boolean(body.offerId) !== Boolean(body.companyId), {
    message: 'indiquez offerId (candidature à une offre) ou companyId (candidature spontanée), l’un des deux',
    path: ['offerId'],
  })
  .meta({ id: 'CreateApplication' });

const message = text(5000).nullish();
const action = <A extends (typeof APPLICATION_ACTIONS)[number]>(name: A) => z.literal(name);

export const transitionBody = z
  .discriminatedUnion('action', [
    z.object({ action: action('validate'), message }).strict(),
    z.object({ action: action('reject'), message }).strict(),
    z.object({ action: action('accept'), message }).strict(),
    z.object({ action: action('refuse'), message }).strict(),
    z
      .object({
        action: action('propose_interview'),
        startsAt: z.iso.datetime({ offset: true, error: 'date et heure ISO 8601 attendues (ex. 2026-12-01T10:00:00+01:00)' }),
        durationMinutes: z.number({ error: 'nombre de minutes attendu' }).int('nombre entier attendu').min(5, '5 minutes au moins').max(480, '480 minutes au plus'),
        mode: z.enum(INTERVIEW_MODES, { error: `une valeur parmi ${INTERVIEW_MODES.join(', ')}` }),
        location: text(500).nullish(),
        message,
      })
      .strict(),
    z.object({ action: action('confirm_interview'), message }).strict(),
    z.object({ action: action('cancel_interview'), message }).strict(),
    z.object({ action: action('mark_interview_done'), message }).strict(),
    z.object({ action: action('hire'), message }).strict(),
    z.object({ action: action('not_hire'), message }).strict(),
    z.object({ action: action('withdraw'), message }).strict(),
  ], { error: `action : une valeur parmi ${APPLICATION_ACTIONS.join(', ')}` })
  .meta({ id: 'ApplicationTransition' });

const statusList = z
  .string()
  .max(500)
  .transform((value, ctx) => {
    if (value === 'all') return [...APPLICATION_STATUSES];
    const statuses = value.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = statuses.filter((s) => !(APPLICATION_STATUSES as readonly string[]).includes(s));
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `statut inconnu : ${unknown.join(', ')} (valeurs : ${APPLICATION_STATUSES.join(', ')} ou all)` });
    return statuses as (typeof APPLICATION_STATUSES)[number][];
  });

export const listApplicationsQuery = z
  .object({
    status: statusList.optional(),
    offerId: uuid('offerId').optional(),
    candidateId: uuid('candidateId').optional(),
    sort: z.enum(['oldest', 'newest'], { error: 'oldest ou newest' }).optional(),
    page: z.coerce.number({ error: 'numéro de page attendu' }).int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number({ error: 'nombre attendu' }).int().min(1).max(100, '100 au plus').default(20),
  })
  .strict();

export const noteBody = z.object({ note: text(10_000) }).strict().meta({ id: 'ApplicationNote' });

const person = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });
const historyItem = z.object({
  type: z.string(),
  at: z.string(),
  actor: person.extend({ role: z.string() }).nullable(),
  message: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
});
export const interviewView = z
  .object({
    id: z.uuid(),
    round: z.number(),
    startsAt: z.string(),
    durationMinutes: z.number(),
    mode: z.enum(INTERVIEW_MODES),
    location: z.string().nullable(),
    message: z.string().nullable(),
    status: z.enum(['PROPOSED', 'CONFIRMED', 'CANCELLED', 'DONE']),
    videoUrl: z.string().nullable(),
    icsUrl: z.string(),
  })
  .meta({ id: 'Interview' });

export const applicationView = z
  .object({
    id: z.uuid(),
    status: z.enum(APPLICATION_STATUSES),
    statusChangedAt: z.string(),
    createdAt: z.string(),
    message: z.string().nullable(),
    screeningQuestion: z.string().nullable(),
    screeningAnswer: z.string().nullable(),
    offer: z.object({ id: z.uuid(), title: z.string() }).nullable(),
    company: z.object({ id: z.uuid(), name: z.string() }),
    candidate: person.extend({ email: z.string() }),
    referent: person.nullable(),
    interviews: z.array(interviewView),
    history: z.array(historyItem),
    allowedActions: z.array(z.enum(APPLICATION_ACTIONS)),
    recruiterNote: z.string().nullable().optional(),
    workflowId: z.string(),
  })
  .meta({ id: 'Application' });

export const applicationListItem = applicationView
  .pick({ id: true, status: true, statusChangedAt: true, createdAt: true, offer: true, company: true, candidate: true, referent: true })
  .extend({ waitingDays: z.number() })
  .meta({ id: 'ApplicationListItem' });

export const applicationList = z
  .object({ items: z.array(applicationListItem), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'ApplicationList' });
