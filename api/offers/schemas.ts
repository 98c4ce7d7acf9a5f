// Request and response shapes of the offer routes: parsed with zod, documented from the same schemas.
// Fields follow the recruiter forms of the seeds: title, contract (and its duration outside CDI),
// experience, education, place (postal code, city, départements), job family and job, description,
// salary, remote work, start date, a screening question and an optional earlier end of publication.
import { z } from 'zod';
import { csvOf, departmentList, historyItem, listOf, page, pageSize, person } from '../schemas.js';
import {
  CONTRACT_TYPES,
  OFFER_ACTIONS,
  OFFER_STATUSES,
  PUBLICATION_DAYS,
  REMOTE_MODES,
} from '../../workflows/offer-rules.js';
import { findDepartment, unknownDepartment } from '../../workflows/departments.js';
import { addDays, parisDate } from '../../workflows/paris-time.js';
import { idealCandidateField, idealCandidateView } from './ideal-candidate.js';

const text = (max: number) => z.string({ error: 'texte attendu' }).trim().max(max, `${max} caractères au plus`);
const optionalText = (max: number) => text(max).nullish().transform((v) => (v ? v : null));
// Year 0000 is ISO but no date for PostgreSQL (a 500): the dates of an offer start in 1900.
const isoDate = z.iso.date({ error: 'date attendue au format AAAA-MM-JJ' }).refine((value) => value >= '1900-01-01', 'date à partir du 01/01/1900 attendue');
/** A département by number or by name (workflows/departments.ts), as its number. */
const department = z.string({ error: 'numéro ou nom de département attendu' }).transform((value, ctx) => {
  const code = findDepartment(value);
  if (!code) ctx.addIssue({ code: 'custom', message: unknownDepartment(value) });
  return code ?? value;
});

/** Every field of an offer, as the recruiter sends them (optional ones may be null or left out). */
const offerFieldShape = {
  title: text(200).min(3, '3 caractères au moins'),
  contractType: z.enum(CONTRACT_TYPES, { error: 'choisissez le type de contrat' }),
  contractDurationMonths: z
    .number({ error: 'nombre de mois attendu' })
    .int('nombre entier de mois attendu')
    .min(1, '1 mois au moins')
    .max(60, '60 mois au plus')
    .nullish(),
  experience: optionalText(100),
  education: optionalText(100),
  postalCode: z.string({ error: 'code postal attendu' }).trim().regex(/^\d{5}$/, 'code postal à 5 chiffres attendu'),
  city: text(100).min(1, 'ville obligatoire'),
  departments: z
    .array(department, { error: 'liste de départements attendue' })
    .max(20, '20 départements au plus')
    .nullish(),
  jobFamily: optionalText(100),
  job: optionalText(150),
  description: text(20_000).min(20, 'décrivez le poste en 20 caractères au moins (missions, profil, compétences)'),
  salaryMin: z.number({ error: 'montant annuel brut en euros attendu' }).int('nombre entier attendu').min(0).max(1_000_000).nullish(),
  salaryMax: z.number({ error: 'montant annuel brut en euros attendu' }).int('nombre entier attendu').min(0).max(1_000_000).nullish(),
  remote: z.enum(REMOTE_MODES, { error: 'choisissez le télétravail proposé' }).nullish(),
  startDate: isoDate.nullish(),
  screeningQuestion: optionalText(500),
  chosenEndDate: isoDate.nullish(),
  /** « Profil recherché » (issue #18): structured criteria, beside the free-text experience and education. */
  idealCandidate: idealCandidateField,
  /** Seed 002: candidates appear without name or contact details until the company lifts the anonymity; the screening question is then required. */
  anonymous: z.boolean({ error: 'vrai ou faux attendu' }).nullish(),
};

const offerFieldsObject = z.object(offerFieldShape).strict();
export type OfferFieldsInput = z.input<typeof offerFieldsObject>;

/** The rules between fields: checked on a new offer, and on an offer as an edit would leave it. */
function crossChecks(offer: z.output<typeof offerFieldsObject>, ctx: z.core.$RefinementCtx) {
  if (offer.contractType === 'CDI' && offer.contractDurationMonths != null) {
    ctx.addIssue({ code: 'custom', path: ['contractDurationMonths'], message: 'sans objet pour un CDI : laissez ce champ vide' });
  }
  if (offer.contractType !== 'CDI' && offer.contractDurationMonths == null) {
    ctx.addIssue({ code: 'custom', path: ['contractDurationMonths'], message: `durée du contrat en mois obligatoire pour un ${offer.contractType}` });
  }
  if (offer.anonymous && !offer.screeningQuestion) {
    // Seed 002: without a name, the answer to the question is what the company reads first.
    ctx.addIssue({
      code: 'custom',
      path: ['screeningQuestion'],
      message: 'obligatoire pour une offre anonyme : sans nom ni CV à lire d’abord, la réponse à votre question présente chaque candidature',
    });
  }
  if (offer.salaryMin != null && offer.salaryMax != null && offer.salaryMin > offer.salaryMax) {
    ctx.addIssue({ code: 'custom', path: ['salaryMax'], message: 'le salaire maximum doit être supérieur ou égal au salaire minimum' });
  }
  if (offer.chosenEndDate) {
    const today = parisDate();
    const latest = addDays(today, PUBLICATION_DAYS);
    if (offer.chosenEndDate <= today) {
      ctx.addIssue({ code: 'custom', path: ['chosenEndDate'], message: 'la date de fin de publication doit être dans le futur (à partir de demain)' });
    } else if (offer.chosenEndDate > latest) {
      ctx.addIssue({
        code: 'custom',
        path: ['chosenEndDate'],
        message: `une offre reste en ligne ${PUBLICATION_DAYS} jours au plus : choisissez une date jusqu’au ${latest.split('-').reverse().join('/')}, ou aucune`,
      });
    }
  }
}

export const offerFields = offerFieldsObject.superRefine(crossChecks);

export const createOfferBody = offerFieldsObject.superRefine(crossChecks).meta({
  id: 'CreateOffer',
  description:
    'Nouvelle offre (brouillon). contractDurationMonths est obligatoire hors CDI ; departments vaut par défaut le département du code postal ; chosenEndDate (facultative) retire l’offre avant ses 60 jours en ligne.',
});

export const updateOfferBody = offerFieldsObject
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'indiquez au moins un champ à modifier' })
  .meta({ id: 'UpdateOffer', description: 'Les champs à modifier (null efface un champ facultatif). Possible en brouillon ou après un refus de la modération.' });

/** A published offer's edit: the fields to change (its end of publication stays, and with it its expiry). */
const { chosenEndDate: _endStays, ...editFieldShape } = offerFieldShape;
export const editOfferFields = z.object(editFieldShape).partial().strict();

const reason = text(5000).nullish();
export const offerTransitionBody = z
  .discriminatedUnion(
    'action',
    [
      z.object({ action: z.literal('submit') }).strict(),
      z.object({ action: z.literal('approve') }).strict(),
      z.object({ action: z.literal('reject'), reason }).strict(),
      z.object({ action: z.literal('archive'), reason }).strict(),
      editOfferFields.extend({ action: z.literal('edit') }).strict(),
    ],
    { error: `action : une valeur parmi ${OFFER_ACTIONS.join(', ')}` },
  )
  .meta({
    id: 'OfferTransition',
    description:
      'submit (recruteur de l’entreprise, depuis DRAFT ou REJECTED), approve et reject avec reason obligatoire (administrateur, depuis PENDING_MODERATION), archive (recruteur de l’entreprise ou administrateur, depuis tout état non final ; reason facultatif), edit (recruteur de l’entreprise, depuis PUBLISHED) avec les champs à modifier comme PATCH /offers/{id}, sauf chosenEndDate : l’offre retourne en modération (PENDING_MODERATION), ne reçoit plus de candidatures jusqu’à sa nouvelle publication et garde sa date de fin (expiresAt) ; si elle arrive pendant la modération, l’offre expire.',
  });

export const listOffersQuery = z
  .object({
    q: z.string().trim().max(200, '200 caractères au plus').optional(),
    department: departmentList.optional(),
    contractType: csvOf(CONTRACT_TYPES, 'type de contrat').optional(),
    remote: csvOf(REMOTE_MODES, 'télétravail').optional(),
    page,
    pageSize,
  })
  .strict();

export const companyOffersQuery = z
  .object({
    status: csvOf(OFFER_STATUSES, 'statut').optional(),
    q: z.string().trim().max(200).optional(),
    page,
    pageSize,
  })
  .strict();

export const moderationQueueQuery = z.object({ page, pageSize }).strict();

// ---- Responses ----


export const offerWarning = z
  .object({
    code: z.enum([
      'GENDER_MENTION_MISSING',
      'DISCRIMINATION_AGE',
      'DISCRIMINATION_SEX',
      'DISCRIMINATION_ORIGIN',
      'DISCRIMINATION_APPEARANCE',
      'DISCRIMINATION_HEALTH',
      'DISCRIMINATION_FAMILY',
      'DISCRIMINATION_BELIEFS',
    ]),
    message: z.string(),
    excerpt: z.string(),
    field: z.string(),
  })
  .meta({ id: 'OfferWarning', description: 'Point signalé avant soumission (mention H/F, formulation discriminante) ; n’empêche pas de soumettre.' });

/** How many applications (CSV rows), CVs (ZIP files) and favourites (the short list's anti-CV PDF) an offer's exports hold for the reader. */
const exportCounts = z.object({ applications: z.number(), cvs: z.number(), favourites: z.number() });

export const offerView = z
  .object({
    id: z.uuid(),
    status: z.enum(OFFER_STATUSES),
    statusChangedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    title: z.string(),
    contractType: z.enum(CONTRACT_TYPES),
    contractDurationMonths: z.number().nullable(),
    experience: z.string().nullable(),
    education: z.string().nullable(),
    postalCode: z.string(),
    city: z.string(),
    departments: z.array(z.string()),
    jobFamily: z.string().nullable(),
    job: z.string().nullable(),
    description: z.string(),
    salaryMin: z.number().nullable(),
    salaryMax: z.number().nullable(),
    remote: z.enum(REMOTE_MODES),
    startDate: z.string().nullable(),
    screeningQuestion: z.string().nullable(),
    chosenEndDate: z.string().nullable(),
    idealCandidate: idealCandidateView,
    anonymous: z.boolean().meta({ description: 'Candidature anonyme (seed 002) : l’entreprise ne voit ni nom ni coordonnées des candidats avant de lever l’anonymat.' }),
    company: z.object({
      id: z.uuid(),
      name: z.string(),
      pagePublished: z.boolean().meta({ description: 'La page de l’entreprise est publique (entreprise vérifiée, page publiée) : /entreprises/{id}' }),
    }),
    duplicatedFrom: z.uuid().nullable(),
    history: z.array(historyItem).meta({ description: 'Complet pour l’entreprise et les administrateurs ; les autres voient la publication et la fin de publication.' }),
    allowedActions: z.array(z.enum(OFFER_ACTIONS)),
    warnings: z.array(offerWarning).meta({ description: 'Pour l’entreprise et les administrateurs ; vide pour les autres.' }),
    lastEdit: z
      .object({
        at: z.string(),
        changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })),
      })
      .nullable()
      .optional()
      .meta({
        description:
          'Pour l’entreprise et les administrateurs : la dernière modification de l’offre publiée (action edit) tant qu’elle n’est pas de nouveau publiée — chaque champ modifié, sa valeur d’avant (texte long coupé à 300 caractères) et celle d’aujourd’hui.',
      }),
    workflowId: z.string().nullable().optional(),
    exports: exportCounts.optional().meta({ description: 'Pour l’entreprise et les administrateurs : ce que contiennent les exports de l’offre (applications.csv, cvs.zip, favourites/anti-cv.pdf)' }),
  })
  .meta({ id: 'Offer' });

export const offerListItem = offerView
  .pick({
    id: true,
    status: true,
    statusChangedAt: true,
    createdAt: true,
    publishedAt: true,
    expiresAt: true,
    title: true,
    contractType: true,
    contractDurationMonths: true,
    postalCode: true,
    city: true,
    departments: true,
    jobFamily: true,
    job: true,
    salaryMin: true,
    salaryMax: true,
    remote: true,
    anonymous: true,
    company: true,
  })
  .extend({
    summary: z.string().meta({ description: 'Début de la description' }),
    warningCount: z.number().optional(),
    exports: exportCounts.optional(),
    counts: z
      .object({ pending: z.number(), toContact: z.number(), contacted: z.number(), favourite: z.number(), refused: z.number() })
      .optional()
      .meta({ description: 'GET /company/offers : la short list de l’offre, chaque compteur égal à la liste GET /applications?offerId=…&stage=<nom>' }),
  })
  .meta({ id: 'OfferListItem' });

export const offerList = listOf(offerListItem, 'OfferList');
