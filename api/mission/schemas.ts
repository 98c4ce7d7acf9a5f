// Request and response shapes of the mission officer's référents: parsed with zod, documented from the same schemas.
import { z } from 'zod';
import { inviteColleagueBody } from '../companies/schemas.js';
import { listOf, page, pageSize, person, uuid } from '../schemas.js';

/** The same fields as a colleague's invitation (jobTitle: the référent's function); an admin may name the mission officer. */
export const createReferentBody = inviteColleagueBody
  .extend({ missionOfficerId: uuid('missionOfficerId').optional() })
  .meta({ id: 'CreateReferent', description: 'missionOfficerId : administrateurs seulement (un chargé de mission crée les référents de son réseau).' });

export const listReferentsQuery = z
  .object({
    page,
    pageSize,
    q: z.string().trim().max(100, '100 caractères au plus').optional(),
  })
  .strict();

export const disableReferentBody = z
  .object({ reassignTo: uuid('reassignTo').optional() })
  .strict()
  .meta({ id: 'DisableReferent', description: 'reassignTo : le référent actif du même réseau à qui confier, dans la même demande, les candidats encore suivis.' });

export const reassignCandidateBody = z.object({ referentId: uuid('referentId') }).strict().meta({ id: 'ReassignCandidate' });

export const referentItem = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    jobTitle: z.string().nullable(),
    missionOfficer: person.nullable(),
    /** Null while active. */
    disabledAt: z.string().nullable(),
    /** False while the référent has not yet chosen their own password. */
    accountActivated: z.boolean(),
    /** Candidates followed now. */
    candidates: z.number(),
    /** Applications of their candidates waiting for their validation. */
    pendingValidations: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'MissionReferent' });

export const referentList = listOf(referentItem, 'MissionReferentList');

export const referentDetail = referentItem
  .extend({
    followed: z.array(
      z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string(), applications: z.number(), pendingValidations: z.number() }),
    ),
  })
  .meta({ id: 'MissionReferentDetail' });

/** What a hand-over did to the live cases (api/follow-ups.ts), and the sentence that says it. */
const handOver = z.object({
  moved: z.number(),
  failed: z.number(),
  message: z.string().nullable(),
});

export const disabledReferent = z.object({ referent: referentItem, reassignedTo: person.nullable(), candidatesMoved: z.number(), handOver }).meta({ id: 'DisabledReferent' });

export const reassignedCandidate = z
  .object({ candidate: person, referent: person, previousReferent: person.nullable(), handOver })
  .meta({ id: 'ReassignedCandidate' });
