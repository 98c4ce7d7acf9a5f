// GET /api/cvtheque and its history: the answers, documented from the same zod schemas (the query is
// criteria.ts's cvthequeQuery).
import { z } from 'zod';

export const idParam = z.object({ id: z.uuid() });

export const cvthequePlace = z.object({
  insee: z.string(),
  name: z.string(),
  department: z.string(),
  radiusKm: z.number().int().meta({ description: 'Jusqu’où la personne accepte d’aller autour de cette commune' }),
});

export const cvthequeItem = z
  .object({
    candidateId: z.uuid(),
    headline: z.string().nullable(),
    metiers: z.array(z.string()).meta({ description: 'Codes ROME des métiers recherchés' }),
    metierTitles: z.array(z.string()).meta({ description: 'Les mêmes métiers par leur intitulé (liste ROME), dans le même ordre' }),
    places: z.array(cvthequePlace),
    distanceKm: z
      .number()
      .nullable()
      .meta({ description: 'Avec `near` : la distance (km, une décimale) entre la commune cherchée et le lieu souhaité le plus proche ; sinon null' }),
    approximate: z.boolean().meta({ description: 'La position de l’une des deux communes de cette distance est estimée' }),
    availableFrom: z.string().nullable().meta({ description: 'Disponible à partir de (AAAA-MM-JJ) ; null : immédiatement' }),
    experienceMonths: z.number().int(),
    educationLevel: z.number().int().nullable(),
    languages: z.array(z.object({ code: z.string(), level: z.string() })),
    drivingLicences: z.array(z.string()),
    contractTypes: z.array(z.string()),
    workingTimes: z.array(z.string()),
    rqth: z.boolean().nullable().meta({ description: 'Seulement si la personne a accepté de partager sa RQTH ; null sinon' }),
    seen: z.boolean().meta({ description: 'Déjà consulté par un recruteur de mon entreprise' }),
    updatedAt: z.string(),
  })
  .meta({ id: 'CvthequeItem' });

const facetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export const cvthequeFacets = z
  .record(z.string(), z.array(facetValue))
  .meta({
    id: 'CvthequeFacets',
    description:
      'Par filtre (contractType, workingTime, educationLevel, experience, availability, language, drivingLicence, rqth, activity, seen), chaque valeur et le nombre de résultats qu’on obtiendrait en choisissant cette seule valeur pour ce filtre, les autres critères gardés.',
  });

export const cvthequeList = z
  .object({ items: z.array(cvthequeItem), total: z.number(), page: z.number(), pageSize: z.number(), facets: cvthequeFacets })
  .meta({ id: 'CvthequeList' });

export const cvthequeHistoryItem = z
  .object({
    id: z.uuid(),
    criteria: z.record(z.string(), z.unknown()),
    query: z.string().meta({ description: 'La chaîne de requête qui relance cette recherche (GET /api/cvtheque?…)' }),
    summary: z.string().meta({ description: 'Les critères en français, communes nommées (« « vendeuse », Lyon (69) à 20 km, CDI ou CDD »)' }),
    total: z.number().int().meta({ description: 'Le nombre de résultats de sa dernière exécution' }),
    at: z.string(),
  })
  .meta({ id: 'CvthequeHistoryItem' });
export const cvthequeHistory = z.object({ items: z.array(cvthequeHistoryItem) }).meta({ id: 'CvthequeHistory' });
export const historyQuery = z.object({}).strict();
