// The dashboard's « Fil d’activité »: the latest events of what a person follows, newest first, read
// from the processes' histories (application_events, offer_events, sponsorship_events). Who sees which
// event is who sees its entity, under the lists' own rules — never a second copy of them:
//   - applications and sponsorship requests: `visibility` of api/applications and api/sponsorships
//     (candidate: theirs; référent: their candidates'; mission officer: their network's; recruiter: their
//     company's, an application once sent to it; admin: all);
//   - offers: their insiders (isOfferInsider: the company's recruiters, admins).
// An item says what happened (the rules' event label), who did it (null: the platform, e.g. a reminder),
// on what, and the address of its page (`/candidatures/:id`… as mails carry: each role's page of it).
import { anonymityOfRow, candidateAsSeenBy } from '../../workflows/candidate-identity.js';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { User } from '../../models/index.js';
import { eventLabel, PROCESSES, type ProcessName } from '../../workflows/processes.js';
import { visibility as applicationVisibility } from '../applications/service.js';
import { personView } from '../candidate-cases.js';
import { visibility as sponsorshipVisibility } from '../sponsorships/service.js';
import type { feedQuery } from './schemas.js';

interface Deps {
  sequelize: Sequelize;
}

type FeedEntity = Extract<ProcessName, 'application' | 'offer' | 'sponsorship'>;

interface FeedRow {
  entity: FeedEntity;
  entity_id: string;
  type: string;
  at: Date;
  actor_id: string | null;
  actor_first_name: string | null;
  actor_last_name: string | null;
  actor_role: string | null;
  offer_title: string | null;
  company_name: string | null;
  candidate_first_name: string | null;
  candidate_last_name: string | null;
  candidate_id: string | null;
  candidate_email: string | null;
  /** Applications only (seed 002); null for the other entities. */
  anonymous: boolean | null;
  identity_shared_at: Date | null;
  candidate_number: number | null;
}

/** The offers whose history this user reads: the SQL form of isOfferInsider (workflows/offer-rules.ts). */
const offerScope = (user: User) =>
  user.role === 'ADMIN' ? 'TRUE' : user.role === 'RECRUITER' && user.companyId ? 'o.company_id = :company' : 'FALSE';

const ACTOR = `e.at, u.id AS actor_id, e.actor_role, u.first_name AS actor_first_name, u.last_name AS actor_last_name`;

export function feedService({ sequelize }: Deps) {
  return {
    async list(user: User, query: z.output<typeof feedQuery>) {
      const applications = applicationVisibility(user);
      const sponsorships = sponsorshipVisibility(user);
      // Both scopes name their parameters alike (:me, :company) with the same values.
      const replacements = { ...applications.replacements, ...sponsorships.replacements, company: user.companyId, me: user.id };
      const union = `
        SELECT 'application' AS entity, e.application_id AS entity_id, e.seq, e.type, ${ACTOR},
               o.title AS offer_title, c.name AS company_name, cu.first_name AS candidate_first_name, cu.last_name AS candidate_last_name,
               cu.id AS candidate_id, cu.email AS candidate_email, a.anonymous, a.identity_shared_at, a.candidate_number
        FROM application_events e JOIN applications a ON a.id = e.application_id
        JOIN companies c ON c.id = a.company_id JOIN users cu ON cu.id = a.candidate_id
        LEFT JOIN offers o ON o.id = a.offer_id LEFT JOIN users u ON u.id = e.actor_id
        WHERE ${applications.where}
        UNION ALL
        SELECT 'offer', e.offer_id, e.seq, e.type, ${ACTOR}, o.title, c.name, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM offer_events e JOIN offers o ON o.id = e.offer_id JOIN companies c ON c.id = o.company_id
        LEFT JOIN users u ON u.id = e.actor_id
        WHERE ${offerScope(user)}
        UNION ALL
        SELECT 'sponsorship', e.sponsorship_id, e.seq, e.type, ${ACTOR}, NULL, c.name, cu.first_name, cu.last_name, cu.id, cu.email, NULL, NULL, NULL
        FROM sponsorship_events e JOIN sponsorship_requests s ON s.id = e.sponsorship_id
        JOIN companies c ON c.id = s.company_id JOIN users cu ON cu.id = s.candidate_id
        LEFT JOIN users u ON u.id = e.actor_id
        WHERE ${sponsorships.where}`;
      const [rows, [{ total }]] = await Promise.all([
        sequelize.query<FeedRow>(`SELECT * FROM (${union}) f ORDER BY f.at DESC, f.entity_id, f.seq DESC LIMIT :limit OFFSET :offset`, {
          type: QueryTypes.SELECT,
          replacements: { ...replacements, limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
        }),
        sequelize.query<{ total: string }>(`SELECT count(*) AS total FROM (${union}) f`, { type: QueryTypes.SELECT, replacements }),
      ]);
      return { items: rows.map((row) => itemOf(user, row)), total: Number(total), page: query.page, pageSize: query.pageSize };
    },
  };
}

/** What the entity is called for this reader: the candidate reads the company, the others the candidate. */
function titleOf(user: User, row: FeedRow): string {
  const shown = shownCandidate(user, row);
  const candidate = shown ? shown.name : [row.candidate_first_name, row.candidate_last_name].filter(Boolean).join(' ');
  switch (row.entity) {
    case 'offer':
      return row.offer_title ?? '';
    case 'application': {
      const what = row.offer_title ?? 'Candidature spontanée';
      return user.role === 'CANDIDATE' ? `${what} — ${row.company_name}` : `${candidate} — ${what}`;
    }
    case 'sponsorship':
      return user.role === 'CANDIDATE' ? `Demande de parrainage — ${row.company_name}` : `${candidate} — demande de parrainage (${row.company_name})`;
  }
}

/** An application's candidate as this reader sees them (an anonymous one by their number); null for the other entities. */
function shownCandidate(user: User, row: FeedRow) {
  if (row.entity !== 'application' || !row.candidate_id || row.candidate_number === null) return null;
  return candidateAsSeenBy(
    user,
    anonymityOfRow({ ...row, candidate_number: row.candidate_number }),
    { id: row.candidate_id, firstName: row.candidate_first_name ?? '', lastName: row.candidate_last_name ?? '', email: row.candidate_email ?? '' },
  );
}

function itemOf(user: User, row: FeedRow) {
  const shown = shownCandidate(user, row);
  const hiddenActor = shown?.hidden && row.actor_id === row.candidate_id;
  const actor = hiddenActor ? { id: null, firstName: shown!.firstName, lastName: shown!.lastName } : personView(row.actor_id, row.actor_first_name, row.actor_last_name);
  return {
    at: new Date(row.at).toISOString(),
    kind: row.type,
    label: eventLabel(row.entity, row.type),
    actor: actor ? { ...actor, role: row.actor_role ?? '' } : null,
    entity: { type: row.entity, id: row.entity_id, title: titleOf(user, row) },
    // The address mails carry (`/candidatures/:id`…): the web app opens each role's page of it.
    link: `${PROCESSES[row.entity].webPath}${row.entity_id}`,
  };
}
