// Request and response shapes of the application routes: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { historyItem, listOf, page, pageSize, person, statusList, text, uuid } from '../schemas.js';
import { APPLICATION_ACTIONS, APPLICATION_STATUSES, INTERVIEW_MODES } from '../../workflows/application-rules.js';
import { REFUSAL_REASON_CODES, reasonCodesOf, type RefusalAction } from '../../workflows/refusal-reasons.js';
import { criterionMatch } from '../matching/schemas.js';
import { SHORTLIST_STAGES } from '../../workflows/shortlist.js';


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
    message: 'choisissez une offre, ou une entreprise pour une candidature spontanée (l’une ou l’autre)',
    path: ['offerId'],
  })
  .meta({ id: 'CreateApplication' });

const message = text(5000).nullish();
/** The interview's `version` as the person read it: refused (409) if it moved meanwhile. */
const interviewVersion = z.number({ error: 'nombre entier attendu : la version de l’entretien lue' }).int('nombre entier attendu').min(0, '0 au moins').max(100_000, 'version inconnue').optional();
const action = <A extends (typeof APPLICATION_ACTIONS)[number]>(name: A) => z.literal(name);
/** When, how long, how and where: proposed or moved, an interview takes the same fields. */
const interviewFields = {
  startsAt: z.iso.datetime({ offset: true, error: 'indiquez la date et l’heure de l’entretien' }),
  durationMinutes: z.number({ error: 'nombre de minutes attendu' }).int('nombre entier attendu').min(5, '5 minutes au moins').max(480, '480 minutes au plus'),
  mode: z.enum(INTERVIEW_MODES, { error: 'choisissez le type d’entretien parmi ceux proposés' }),
  location: text(500).nullish(),
  message,
};
/** Why the company says no: one of the codes of this action (the rules check the step: before or after an interview). */
const reason = (of: RefusalAction) =>
  z.enum(reasonCodesOf(of), { error: 'choisissez le motif du refus parmi ceux proposés ; il est transmis au candidat et à son référent avec votre message' });

export const transitionBody = z
  .discriminatedUnion('action', [
    z.object({ action: action('validate'), message }).strict(),
    z.object({ action: action('reject'), message }).strict(),
    z.object({ action: action('accept'), message }).strict(),
    z.object({ action: action('refuse'), reason: reason('refuse'), message }).strict(),
    z.object({ action: action('propose_interview'), ...interviewFields }).strict(),
    z.object({ action: action('confirm_interview'), message, interviewVersion }).strict(),
    // The same interview at a new time (same round; its invitation's SEQUENCE+1).
    z.object({ action: action('reschedule_interview'), ...interviewFields, interviewVersion }).strict(),
    // The candidate's availabilities (required: the rules refuse a blank one under the field).
    z.object({ action: action('request_other_slot'), message, interviewVersion }).strict(),
    z.object({ action: action('cancel_interview'), message }).strict(),
    z.object({ action: action('mark_interview_done'), message }).strict(),
    z.object({ action: action('hire'), message }).strict(),
    z.object({ action: action('not_hire'), reason: reason('not_hire'), message }).strict(),
    z.object({ action: action('withdraw'), message }).strict(),
    // Seed 002: the rules refuse the lift without the commitment, under its field (one place for the reason).
    z.object({
      action: action('lift_anonymity'),
      commitment: z.boolean({ error: 'cochez la case d’engagement (vrai attendu)' }).optional(),
      contactNow: z.boolean({ error: 'vrai (contact maintenant) ou faux (plus tard) attendu' }).optional(),
      message,
    }).strict(),
    z.object({ action: action('mark_contacted'), message }).strict(),
  ], { error: `action : une valeur parmi ${APPLICATION_ACTIONS.join(', ')}` })
  .meta({ id: 'ApplicationTransition' });


export const listApplicationsQuery = z
  .object({
    status: statusList(APPLICATION_STATUSES).optional(),
    offerId: uuid('offerId').optional(),
    candidateId: uuid('candidateId').optional(),
    /**
     * oldest, newest: by last change; applied: by date of application, the oldest first (the default
     * with `stage`, seed 002's short list).
     */
    sort: z.enum(['oldest', 'newest', 'applied'], { error: 'oldest, newest ou applied' }).optional(),
    stage: z
      .enum(SHORTLIST_STAGES, { error: `une étape parmi ${SHORTLIST_STAGES.join(', ')}` })
      .optional()
      .meta({ description: 'Recruteurs et administrateurs : les candidatures d’une étape de la short list, celles que compte le compteur du même nom de l’offre (GET /company/offers, counts)' }),
    page,
    pageSize,
  })
  .strict();

/**
 * Optimistic concurrency: `version` is the `recruiterNoteVersion` the author read; the note is saved only
 * if nobody saved another since (else 409 CONFLICT: reload, then save again).
 */
export const noteBody = z
  .object({
    note: text(10_000),
    version: z
      .number({ error: 'nombre entier attendu : la version de la note lue (recruiterNoteVersion de la candidature)' })
      .int('nombre entier attendu')
      .min(0, '0 au moins')
      .max(2_147_483_647, 'version inconnue'),
  })
  .strict()
  .meta({ id: 'ApplicationNote' });

export const otherSlotRequest = z.object({ at: z.string(), message: z.string() }).meta({ id: 'OtherSlotRequest' });

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
    /** Grows each time the interview moves (its invitation's SEQUENCE): sent back as `interviewVersion`. */
    version: z.number().int(),
    /** « Autre créneau demandé »: when, and the availabilities given; cleared when the interview is moved. */
    otherSlotRequest: otherSlotRequest.nullable(),
    /**
     * A live PHONE interview, for who calls (the company's recruiters, the candidate's référent): the
     * candidate's number (null: none on file). Absent otherwise.
     */
    candidatePhone: z.string().nullable().optional(),
    videoUrl: z.string().nullable(),
    icsUrl: z.string(),
  })
  .meta({ id: 'Interview' });

/** Seed 002: an anonymous application, its lift (who, when) and the contact stage after it. */
export const anonymityView = z
  .object({
    anonymous: z.boolean(),
    identityShared: z.boolean(),
    identitySharedAt: z.string().nullable(),
    identitySharedBy: person.nullable(),
    contactStage: z.enum(['TO_CONTACT', 'CONTACTED']).nullable(),
    companyReadsAs: z.string().meta({ description: 'Comment l’entreprise nomme le candidat aujourd’hui (son nom, ou « Candidat·e n° 123 »)' }),
  })
  .meta({ id: 'ApplicationAnonymity' });

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
    candidate: person
      .extend({
        id: z.uuid().nullable(),
        email: z.string().nullable(),
        number: z.number().int().meta({ description: 'Le numéro court de la candidature : « Candidat·e n° 123 » pour l’entreprise tant que l’anonymat n’est pas levé' }),
        identityHidden: z.boolean(),
      })
      .meta({
        description:
          'Le candidat tel que le lecteur le voit : sur une candidature anonyme, tant que l’anonymat n’est pas levé, l’entreprise lit « Candidat·e n° 123 » (id et email null) ; le candidat, son référent, son chargé de mission et les administrateurs lisent tout.',
      }),
    anonymity: anonymityView,
    referent: person.nullable(),
    interviews: z.array(interviewView),
    history: z.array(historyItem),
    allowedActions: z.array(z.enum(APPLICATION_ACTIONS)),
    /** Actions this person will be able to take later in this state, each with why not yet (mark_interview_done before the start). */
    waitingActions: z.array(z.object({ action: z.enum(APPLICATION_ACTIONS), reason: z.string() })),
    /** REFUSED, NOT_HIRED: why the company said no (null otherwise, and for refusals made before reasons existed). */
    refusal: z.object({ reason: z.enum(REFUSAL_REASON_CODES), label: z.string() }).nullable(),
    recruiterNote: z.string().nullable().optional(),
    /** With the note (the company's side): the version to send back with `PUT …/note`. */
    recruiterNoteVersion: z.number().int().optional(),
    favourite: z.boolean().optional().meta({ description: 'Pour l’entreprise (ses recruteurs, les administrateurs) seulement : la candidature est dans ses favoris (short list)' }),
    workflowId: z.string(),
    /**
     * `GET` only, for all but the candidate: how the profile meets the offer's ideal candidate (null for a
     * spontaneous application or without a profile). The score helps a person decide; it decides nothing.
     */
    match: z
      .object({ score: z.number().int().min(0).max(100), criteria: z.array(criterionMatch) })
      .nullable()
      .optional()
      .meta({ description: 'La compatibilité du profil avec l’offre (GET, sauf pour le candidat) ; null sans offre ou sans profil' }),
  })
  .meta({ id: 'Application' });

export const applicationListItem = applicationView
  .pick({ id: true, status: true, statusChangedAt: true, createdAt: true, offer: true, company: true, candidate: true, anonymity: true, referent: true })
  .extend({
    waitingDays: z.number(),
    /** The latest interview round's status (null before any): `INTERVIEW_PROPOSED` reads « entretien confirmé » once it is CONFIRMED. */
    interviewStatus: z.enum(['PROPOSED', 'CONFIRMED', 'CANCELLED', 'DONE']).nullable(),
    /** The candidate asked for another time for the latest interview (« Autre créneau demandé »), not yet moved. */
    otherSlotRequested: z.boolean(),
    screeningAnswer: z.string().nullable(),
    availability: z
      .object({ from: z.string().nullable() })
      .nullable()
      .meta({ description: 'La disponibilité du profil du candidat : from (AAAA-MM-JJ), null pour « dès maintenant » ; null sans profil' }),
    favourite: z.boolean().optional(),
  })
  .meta({ id: 'ApplicationListItem' });

export const applicationList = listOf(applicationListItem, 'ApplicationList');

/** The answer of PUT and DELETE /applications/{id}/favourite: the star as the request left it. */
export const favouriteView = z
  .object({
    favourite: z.boolean(),
    favouriteAt: z.string().nullable(),
    favouriteBy: z.object({ name: z.string() }).nullable().meta({ description: 'Le recruteur qui a mis l’étoile (null sans étoile, ou son compte supprimé)' }),
  })
  .meta({ id: 'ApplicationFavourite' });
