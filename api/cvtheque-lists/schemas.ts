// CVthèque lists and saved searches (issue #17, item 7; the matching kinds: issue #18, item 3): requests
// parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { cvthequeCriteriaInput } from '../cvtheque/criteria.js';
import { matchCriteriaSchema, minScore, minScoreNumber, scoreThreshold } from '../matching/schemas.js';
import { listOf, page } from '../schemas.js';

export const LIST_LIMITS = { nameMax: 80, listsPerCompany: 200, itemsPerList: 1000, savedSearchesPerUser: 50 } as const;

const name = (what: string) =>
  z
    .string({ error: `nom ${what} attendu` })
    .trim()
    .min(1, `donnez un nom ${what}`)
    .max(LIST_LIMITS.nameMax, `${LIST_LIMITS.nameMax} caractères au plus`);

export const createListBody = z.object({ name: name('à la liste') }).strict().meta({ id: 'CreateCvthequeList' });
export const renameListBody = createListBody.meta({ id: 'RenameCvthequeList' });
export const addItemBody = z
  .object({ candidateId: z.uuid({ error: 'identifiant de profil attendu (UUID)' }) })
  .strict()
  .meta({ id: 'AddCvthequeListItem' });

export const listsQuery = z
  .object({ page, pageSize: z.coerce.number({ error: 'nombre attendu' }).int().min(1).max(200, '200 au plus').default(100) })
  .strict();
export const listItemsQuery = listsQuery;

const author = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }).nullable();

export const cvthequeListSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** How many profiles it holds (withdrawn ones included, until someone removes them). */
    itemCount: z.number().int(),
    createdAt: z.string(),
    createdBy: author,
  })
  .meta({ id: 'CvthequeListSummary' });

export const cvthequeListItem = z
  .object({
    candidateId: z.uuid(),
    addedAt: z.string(),
    addedBy: author,
    /** The candidate withdrew their CVthèque consent (or their account is closed): no data, only this label. */
    withdrawn: z.boolean(),
    label: z.string().meta({ description: 'Le titre du profil, ou « Profil retiré de la CVthèque »' }),
    profile: z
      .object({
        headline: z.string().nullable(),
        metiers: z.array(z.string()).meta({ description: 'Codes ROME' }),
        place: z.string().nullable().meta({ description: 'Commune (département) du profil' }),
        link: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'CvthequeListItem' });

export const cvthequeListView = cvthequeListSummary
  .extend({ items: z.array(cvthequeListItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'CvthequeList' });

export const cvthequeLists = listOf(cvthequeListSummary, 'CvthequeLists');

export const addItemAnswer = z
  .object({ added: z.boolean().meta({ description: 'false : le profil était déjà dans la liste (rien n’a changé)' }), item: cvthequeListItem })
  .meta({ id: 'CvthequeListItemAdded' });

// ---- Saved searches ------------------------------------------------------------------------------------

/** What a saved search looks for: the CVthèque's criteria, the matching's (method 2), or an offer's ideal candidate (method 1). */
export const SAVED_SEARCH_KINDS = ['cvtheque', 'matching', 'offer-matching'] as const;
export type SavedSearchKind = (typeof SAVED_SEARCH_KINDS)[number];

const alert = z.boolean({ error: 'true ou false attendu' });
const searchName = name('à la recherche');
const kindError = { error: `type de recherche attendu : ${SAVED_SEARCH_KINDS.join(', ')}` };

/** What every kind's body has: its name, its alert; and the matchings' threshold. */
const saved = { name: searchName, alert: alert.default(false) };
const threshold = { minScore: minScore(minScoreNumber()) };

export const createSavedSearchBody = z
  .discriminatedUnion(
    'kind',
    [
      z
        .object({
          kind: z.literal('cvtheque').optional().meta({ description: 'Une recherche de la CVthèque (par défaut)' }),
          criteria: cvthequeCriteriaInput.meta({ description: 'Les critères de la recherche, comme dans l’adresse de GET /api/cvtheque (des textes)' }),
          ...saved,
        })
        .strict(),
      z
        .object({
          kind: z.literal('matching').meta({ description: 'Un matching à partir de critères (méthode 2)' }),
          criteria: matchCriteriaSchema.meta({ description: 'Les critères de POST /api/matching' }),
          ...threshold,
          ...saved,
        })
        .strict(),
      z
        .object({
          kind: z.literal('offer-matching').meta({ description: 'Les candidats compatibles avec une offre de mon entreprise (méthode 1) : son profil recherché est relu à chaque alerte' }),
          offerId: z.uuid({ error: 'identifiant d’offre attendu (UUID)' }),
          ...threshold,
          ...saved,
        })
        .strict(),
    ],
    kindError,
  )
  .meta({ id: 'CreateSavedSearch' });

export const updateSavedSearchBody = z
  .object({
    name: searchName.optional(),
    criteria: cvthequeCriteriaInput.optional(),
    alert: alert.optional(),
  })
  .strict()
  .meta({ id: 'UpdateSavedSearch' });

export const updateMatchingSearchBody = z
  .object({
    name: searchName.optional(),
    criteria: matchCriteriaSchema.optional(),
    minScore: scoreThreshold(minScoreNumber()).optional(),
    alert: alert.optional(),
  })
  .strict()
  .meta({ id: 'UpdateMatchingSearch' });

export const updateOfferMatchingSearchBody = updateMatchingSearchBody.omit({ criteria: true }).meta({ id: 'UpdateOfferMatchingSearch' });

/** The PATCH body of each kind (the saved search's own kind decides which applies). */
export const UPDATE_BODIES = { cvtheque: updateSavedSearchBody, matching: updateMatchingSearchBody, 'offer-matching': updateOfferMatchingSearchBody } as const;

export const savedSearchesQuery = listsQuery;

export const savedSearchView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(SAVED_SEARCH_KINDS),
    criteria: z
      .record(z.string(), z.unknown())
      .meta({ description: 'cvtheque : les critères comme dans l’adresse de la recherche (des textes) ; matching : ceux de POST /api/matching ; offer-matching : vide' }),
    minScore: z.number().int().nullable().meta({ description: 'Le score minimal (les deux matchings) ; null pour la CVthèque' }),
    offer: z.object({ id: z.uuid(), title: z.string() }).nullable().meta({ description: 'L’offre d’une recherche offer-matching' }),
    /** The query string of the page that relaunches it (and, for the CVthèque, of `GET /api/cvtheque`). */
    query: z.string(),
    link: z.string().meta({ description: 'La page qui la relance : /recruteur/cvtheque?…, /recruteur/matching?… ou /recruteur/offres/<id>/candidats-compatibles?min=…' }),
    summary: z.string().meta({ description: 'Les critères en français, communes nommées ; le score minimal des matchings' }),
    alert: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastAlertAt: z.string().nullable(),
    owner: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }),
  })
  .meta({ id: 'SavedSearch' });

export const savedSearchList = listOf(savedSearchView, 'SavedSearches');
