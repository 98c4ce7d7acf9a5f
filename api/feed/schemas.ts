// GET /api/feed: the query and the answer, parsed with zod and documented from the same schemas.
import { z } from 'zod';
import { listOf, page, person } from '../schemas.js';

export const feedQuery = z
  .object({
    page,
    pageSize: z.coerce.number({ error: 'nombre attendu' }).int().min(1).max(50, '50 au plus').default(10),
  })
  .strict();

export const feedItem = z
  .object({
    at: z.string(),
    kind: z.string().meta({ description: 'Le type de l’événement dans l’historique de son processus (accept, propose_interview, approve…)' }),
    label: z.string().meta({ description: 'L’événement en français (les libellés des règles)' }),
    actor: person.extend({ id: z.uuid().nullable(), role: z.string() }).nullable().meta({ description: 'Qui a agi ; null : la plateforme (relance, expiration…)' }),
    entity: z.object({ type: z.enum(['application', 'offer', 'sponsorship']), id: z.uuid(), title: z.string() }),
    link: z.string().meta({ description: 'L’adresse de sa page (/candidatures/:id, /offres/:id, /parrainages/:id), comme dans les mails' }),
  })
  .meta({ id: 'FeedItem' });

export const feedList = listOf(feedItem, 'Feed');
