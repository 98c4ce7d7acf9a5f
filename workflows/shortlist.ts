// The short list of seed 002 (issue #19, item 3): where each application stands for its company, as the
// five counters of « Mes offres » name it (en attente, à contacter, contactée, favorite, refusée). The one
// definition, as data: the counters' SQL and the lists they link to (GET /api/applications?stage=) are
// both written from it, so a counter is the length of its list by construction. Pure code, shared by the
// API and the web app.
import type { ApplicationStatus } from './application-rules.js';

export const SHORTLIST_STAGES = ['pending', 'toContact', 'contacted', 'favourite', 'refused'] as const;
export type ShortlistStage = (typeof SHORTLIST_STAGES)[number];
/** The stages that follow the process; `favourite` is the company's star, across them (a refused favourite is both). */
export type ProcessStage = Exclude<ShortlistStage, 'favourite'>;

/**
 * The process stages, the first that matches wins (an application is in one of them at most). A row
 * matches when its status is in `statuses`, or its contact stage (lift of anonymity) is `contact`.
 * - refused: the company said no, before or after an interview (REFUSED, NOT_HIRED), whatever the contact;
 * - withdrawn by the candidate: in none (closed, nobody is to be contacted);
 * - contacted: an anonymous one marked contacted, or — for every application — an interview proposed,
 *   held, or a hire: proposing an interview is the contact an open application gets;
 * - toContact: an anonymous one lifted « plus tard », or one the company accepted and has not yet met
 *   (ACCEPTED: seed 002's envelope, « acceptée mais pas encore contactée »);
 * - pending: sent to the company, which has not decided yet (PENDING_RECRUITER) and has not lifted the
 *   anonymity. Before the référent validates, the company does not see the application at all.
 */
const STAGE_MATCHES: ReadonlyArray<{ stage: ProcessStage | null; statuses?: readonly ApplicationStatus[]; contact?: 'TO_CONTACT' | 'CONTACTED' }> = [
  { stage: 'refused', statuses: ['REFUSED', 'NOT_HIRED'] },
  { stage: null, statuses: ['WITHDRAWN'] },
  { stage: 'contacted', contact: 'CONTACTED' },
  { stage: 'contacted', statuses: ['INTERVIEW_PROPOSED', 'INTERVIEW_DONE', 'HIRED'] },
  { stage: 'toContact', contact: 'TO_CONTACT' },
  { stage: 'toContact', statuses: ['ACCEPTED'] },
  { stage: 'pending', statuses: ['PENDING_RECRUITER'] },
];

/** The process stage of one application (null: withdrawn, or not with the company). */
export function processStageOf(row: { status: ApplicationStatus; contactStage: 'TO_CONTACT' | 'CONTACTED' | null }): ProcessStage | null {
  const match = STAGE_MATCHES.find((m) => m.statuses?.includes(row.status) || (m.contact && m.contact === row.contactStage));
  return match?.stage ?? null;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The process stage as SQL, for the applications row under `alias` (the same order as processStageOf). */
export function processStageSql(alias: string): string {
  const when = STAGE_MATCHES.map((m) => {
    const condition = m.statuses
      ? `${alias}.status IN (${m.statuses.map(literal).join(', ')})`
      : `${alias}.contact_stage = ${literal(m.contact!)}`;
    return `WHEN ${condition} THEN ${m.stage ? literal(m.stage) : 'NULL'}`;
  });
  return `(CASE ${when.join(' ')} END)`;
}

/** The SQL condition « in this stage » for the applications row under `alias`: the counters' and the lists'. */
export function stageConditionSql(alias: string, stage: ShortlistStage): string {
  return stage === 'favourite' ? `${alias}.favourite_at IS NOT NULL` : `${processStageSql(alias)} = ${literal(stage)}`;
}

/**
 * Each counter's words after its number (« 3 en attente »; a screen reader hears « 3 candidatures en
 * attente »), and its list's title. The web app draws each stage's pictogram beside them, never alone.
 */
export const SHORTLIST_STAGE_LABEL: Record<ShortlistStage, { one: string; many: string; list: string }> = {
  pending: { one: 'en attente', many: 'en attente', list: 'En attente' },
  toContact: { one: 'à contacter', many: 'à contacter', list: 'À contacter' },
  contacted: { one: 'contactée', many: 'contactées', list: 'Contactées' },
  favourite: { one: 'favorite', many: 'favorites', list: 'Favorites' },
  refused: { one: 'refusée', many: 'refusées', list: 'Refusées' },
};

/**
 * The candidate's availability as their profile says it (`available_from`; the form reads « vide : dès
 * maintenant »): null is a candidate without a profile. `today`: YYYY-MM-DD, Paris.
 */
export function availabilityLabel(availability: { from: string | null } | null, today: string): string {
  if (!availability) return 'Disponibilité non renseignée';
  const from = availability.from;
  return from && from > today ? `Disponible à partir du ${from.split('-').reverse().join('/')}` : 'Disponible dès maintenant';
}
