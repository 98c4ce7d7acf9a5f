// The offer process of PRODUCT.md ("Offer — offerModerationWorkflow") as data: states, actions, who may
// act, and the warnings shown before submission (H/F mention, discriminating wording). Pure code,
// shared by the workflow (its Update validators), the API and the web app.
import type { Actor } from './application-rules.js';
import type { Refusal as ProcessRefusal } from './process.js';

export type { Actor } from './application-rules.js';

/** One workflow per offer, its id derived from the offer's. */
export const offerWorkflowId = (offerId: string) => `offer-${offerId}`;

export const OFFER_STATUSES = ['DRAFT', 'PENDING_MODERATION', 'PUBLISHED', 'REJECTED', 'EXPIRED', 'ARCHIVED'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const OFFER_FINAL_STATUSES: readonly OfferStatus[] = ['EXPIRED', 'ARCHIVED'];
export const isOfferFinal = (status: OfferStatus) => OFFER_FINAL_STATUSES.includes(status);

/** Field edits (outside the workflow) are allowed in these states only. */
export const EDITABLE_STATUSES: readonly OfferStatus[] = ['DRAFT', 'REJECTED'];
export const isEditable = (status: OfferStatus) => EDITABLE_STATUSES.includes(status);

export const OFFER_ACTIONS = ['submit', 'approve', 'reject', 'archive'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];

export const CONTRACT_TYPES = ['CDI', 'CDD', 'INTERIM', 'ALTERNANCE', 'STAGE'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const REMOTE_MODES = ['NONE', 'PARTIAL', 'FULL'] as const;
export type RemoteMode = (typeof REMOTE_MODES)[number];

/** PRODUCT.md: a published offer stays online 60 days (or until an earlier date the recruiter chose). */
export const PUBLICATION_DAYS = 60;
export const DEFAULT_PUBLICATION_MS = PUBLICATION_DAYS * 86_400_000;

/** The people an offer involves: its company's recruiters (the moderators are every admin). */
export interface OfferParties {
  companyId: string;
}

/** recruiter: a recruiter of the company; moderator: an admin; owner: either. */
type Party = 'recruiter' | 'moderator' | 'owner';

interface Rule {
  from: readonly OfferStatus[];
  to: OfferStatus;
  party: Party;
  requiresReason?: boolean;
}

export const OFFER_RULES: Record<OfferAction, Rule> = {
  submit: { from: ['DRAFT', 'REJECTED'], to: 'PENDING_MODERATION', party: 'recruiter' },
  approve: { from: ['PENDING_MODERATION'], to: 'PUBLISHED', party: 'moderator' },
  reject: { from: ['PENDING_MODERATION'], to: 'REJECTED', party: 'moderator', requiresReason: true },
  // Every non-final state: a draft, an offer waiting for (or refused by) moderation and a published
  // offer can all be withdrawn ("Supprimée (Brouillon)", "Supprimée (En attente de modération)" in the seeds).
  archive: { from: ['DRAFT', 'PENDING_MODERATION', 'PUBLISHED', 'REJECTED'], to: 'ARCHIVED', party: 'owner' },
};

const PARTY_LABEL: Record<Party, string> = {
  recruiter: 'un recruteur de l’entreprise qui publie l’offre',
  moderator: 'un administrateur (modération)',
  owner: 'un recruteur de l’entreprise ou un administrateur',
};

export const OFFER_STATUS_LABEL: Record<OfferStatus, string> = {
  DRAFT: 'en brouillon',
  PENDING_MODERATION: 'en attente de modération',
  PUBLISHED: 'publiée',
  REJECTED: 'refusée par la modération',
  EXPIRED: 'expirée',
  ARCHIVED: 'archivée',
};

export function mayActOnOffer(party: Party, actor: Actor, parties: OfferParties): boolean {
  const recruiter = actor.role === 'RECRUITER' && !!actor.companyId && actor.companyId === parties.companyId;
  switch (party) {
    case 'recruiter':
      return recruiter;
    case 'moderator':
      return actor.role === 'ADMIN';
    case 'owner':
      return recruiter || actor.role === 'ADMIN';
  }
}

/** Whether this person is on the company's side of the offer (its recruiters) or moderates it (admins). */
export const isOfferInsider = (actor: Actor, parties: OfferParties) => mayActOnOffer('owner', actor, parties);

export interface OfferTransitionRequest {
  action: OfferAction;
  actor: Actor;
  /** reject: required, sent to the recruiters; archive: optional. */
  reason?: string | null;
}

export type OfferRefusal = ProcessRefusal<OfferStatus, OfferAction>;

/** Actions this actor may take now: what the web app shows as buttons. */
export function allowedOfferActions(status: OfferStatus, actor: Actor, parties: OfferParties): OfferAction[] {
  return OFFER_ACTIONS.filter((action) => {
    const rule = OFFER_RULES[action];
    return rule.from.includes(status) && mayActOnOffer(rule.party, actor, parties);
  });
}

/**
 * Why this request may not run now, or null when it may. Order: who (403), then state (409), then
 * the fields (400), as for applications.
 */
export function offerRefusalOf(request: OfferTransitionRequest, status: OfferStatus, parties: OfferParties): OfferRefusal | null {
  const rule = OFFER_RULES[request.action];
  const refuse = (code: OfferRefusal['code'], message: string): OfferRefusal => ({
    code,
    message,
    status,
    allowedActions: allowedOfferActions(status, request.actor, parties),
  });
  if (!rule) return refuse('VALIDATION_FAILED', `Action inconnue : ${String(request.action)}.`);
  if (!mayActOnOffer(rule.party, request.actor, parties)) {
    return refuse('FORBIDDEN', `L’action « ${request.action} » est réservée à ${PARTY_LABEL[rule.party]}.`);
  }
  if (!rule.from.includes(status)) {
    return refuse('ILLEGAL_TRANSITION', `L’action « ${request.action} » est impossible : l’offre est ${OFFER_STATUS_LABEL[status]} (${status}).`);
  }
  if (rule.requiresReason && !request.reason?.trim()) {
    return refuse('VALIDATION_FAILED', `reason : un motif est obligatoire pour « ${request.action} » ; il sera transmis aux recruteurs de l’entreprise.`);
  }
  return null;
}

export const nextOfferStatus = (action: OfferAction): OfferStatus => OFFER_RULES[action].to;

/** Process events that are not actions. */
export type OfferEventType = OfferAction | 'created' | 'expired';

/** What the notification activity needs to tell people about one event of one offer. */
export interface OfferNotice {
  workflowId: string;
  offerId: string;
  /** The event's place in the history: with workflowId, the idempotency key of every mail it causes. */
  seq: number;
  event: OfferEventType;
  status: OfferStatus;
  actor: Actor | null;
  message: string | null;
}

// ---- Dates: what "today" and "end of day" mean for people in France, whatever the server's zone. ----

// Made on first use: the workflow bundle imports this file and never needs them.
let parisDay: Intl.DateTimeFormat | undefined;
let parisOffset: Intl.DateTimeFormat | undefined;

/** The calendar day in Paris at this instant, as YYYY-MM-DD. */
export const parisDate = (at: Date | number = Date.now()) =>
  (parisDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })).format(new Date(at));

/** Offset of Paris from UTC at this instant, in ms (+1 h in winter, +2 h in summer). */
function parisOffsetMs(at: number): number {
  parisOffset ??= new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' });
  const name = parisOffset.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3_600_000 + Number(match[3]) * 60_000);
}

/** The last millisecond of this day (YYYY-MM-DD) in Paris. */
export function endOfParisDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const nextMidnightUtc = Date.UTC(y!, m! - 1, d! + 1);
  // Midnight is never inside a DST change in France (they happen at 2 h and 3 h), so one lookup is exact.
  return new Date(nextMidnightUtc - parisOffsetMs(nextMidnightUtc) - 1);
}

/** YYYY-MM-DD plus some days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/**
 * When an offer approved at `at` goes offline: after the publication period, or at the end of the
 * day the recruiter chose (Paris time) if that comes first.
 */
export function offerExpiry(at: Date, publicationMs: number, chosenEndDate: string | null): Date {
  const byPeriod = at.getTime() + publicationMs;
  if (!chosenEndDate) return new Date(byPeriod);
  return new Date(Math.min(byPeriod, endOfParisDay(chosenEndDate).getTime()));
}

/** The département of a French postal code (20xxx: 2A below 20200, 2B from it; 97x/98x overseas). */
export function departmentOf(postalCode: string): string | null {
  if (!/^\d{5}$/.test(postalCode)) return null;
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  if (postalCode.startsWith('97') || postalCode.startsWith('98')) return postalCode.slice(0, 3);
  return postalCode.slice(0, 2);
}

// ---- Warnings before submission: shown to the recruiter and the moderator, never blocking. ----

export type OfferWarningCode =
  | 'GENDER_MENTION_MISSING'
  | 'DISCRIMINATION_AGE'
  | 'DISCRIMINATION_SEX'
  | 'DISCRIMINATION_ORIGIN'
  | 'DISCRIMINATION_APPEARANCE'
  | 'DISCRIMINATION_HEALTH'
  | 'DISCRIMINATION_FAMILY'
  | 'DISCRIMINATION_BELIEFS';

export interface OfferWarning {
  code: OfferWarningCode;
  /** What is wrong and why, in French, for the recruiter. */
  message: string;
  /** The words concerned, with a little context. */
  excerpt: string;
  /** The field they were found in. */
  field: OfferTextField;
}

/** The fields the warnings read; anything else of the offer is ignored. */
export type OfferTextField = 'title' | 'job' | 'description' | 'experience' | 'education' | 'screeningQuestion';
export type OfferText = Partial<Record<OfferTextField, string | null | undefined>>;

const TEXT_FIELDS: readonly OfferTextField[] = ['title', 'job', 'description', 'experience', 'education', 'screeningQuestion'];

const LAW = '(Code du travail, art. L. 1132-1 et L. 5331-2)';

const CRITERIA: Record<Exclude<OfferWarningCode, 'GENDER_MENTION_MISSING'>, { message: string; patterns: RegExp[] }> = {
  DISCRIMINATION_AGE: {
    message: `Critère d’âge : une offre ne peut pas exclure des candidats selon leur âge ${LAW}. Décrivez plutôt l’expérience ou les compétences attendues.`,
    patterns: [
      /\bjeunes?\b(?!\s+(entreprise|societe|start-?up|structure|pousse))/,
      /\b(moins|plus) de \d{2} ans\b(?!\s*(d['’ ]?\s*)?(experience|anciennete|pratique|metier|carriere))/,
      /\bentre \d{2} et \d{2} ans\b(?!\s*(d['’ ]?\s*)?(experience|anciennete|pratique))/,
      /\b\d{2}\s*(-|–|a)\s*\d{2}\s*ans\b(?!\s*(d['’ ]?\s*)?(experience|anciennete|pratique))/,
      /\bage (minimum|maximum|minimal|maximal|max|min|limite|requis)\b/,
      /\bages? (de|entre) \d{2}/,
      /\bjunior dynamique\b/,
    ],
  },
  DISCRIMINATION_SEX: {
    message: `Critère de sexe : une offre s’adresse aux femmes comme aux hommes ${LAW}. Gardez la mention H/F et un intitulé neutre.`,
    patterns: [/\b(femmes?|hommes?|filles?|garcons?|masculins?|feminins?)\b/, /\bde sexe\b/],
  },
  DISCRIMINATION_ORIGIN: {
    message: `Critère d’origine ou de nationalité : il ne peut pas être exigé ${LAW}. Indiquez plutôt le niveau de langue ou les titres requis.`,
    patterns: [
      /\bnationalite (francaise|europeenne|etrangere)\b/,
      /\bde souche\b/,
      /\b(d['’ ]\s*)?origine (francaise|europeenne|etrangere|maghrebine|africaine|asiatique)\b/,
      /\btype (europeen|caucasien|africain|asiatique|maghrebin)\b/,
      /\bfrancaise? de naissance\b/,
      /\blangue maternelle\b/,
      /\b(sans|pas d['’ ]\s*)accent\b/,
      /\bcouleur de (la )?peau\b/,
    ],
  },
  DISCRIMINATION_APPEARANCE: {
    message: `Critère d’apparence physique : il ne peut pas être exigé ${LAW}. Décrivez plutôt la tenue professionnelle attendue, le cas échéant.`,
    patterns: [
      /\b(tres )?bonne presentation\b/,
      /\b(belle|excellente) presentation\b/,
      /\bphysique (agreable|avenant|attrayant|plaisant)\b/,
      /\b(bon|joli) physique\b/,
      /\b(minces?|sveltes?)\b/,
      /\bphoto (obligatoire|exigee|indispensable)\b/,
    ],
  },
  DISCRIMINATION_HEALTH: {
    message: `Critère de santé ou de handicap : une offre ne peut pas écarter les personnes en situation de handicap ${LAW}. Décrivez les tâches ; les aménagements se discutent avec la personne.`,
    patterns: [
      /\bsans (aucun )?handicap\b/,
      /\b(non|pas) handicapes?\b/,
      /\b(en )?(bonne|parfaite|pleine) sante\b/,
      /\b(personnes?|candidats?|candidates?|profils?|etre|physiquement) valides?\b/,
      /\bvalides? uniquement\b/,
      /\b(pas de|sans|non) (rqth|travailleurs? handicapes?)\b/,
      /\baucun (probleme|souci|antecedent) (de sante|medical)\b/,
    ],
  },
  DISCRIMINATION_FAMILY: {
    message: `Critère de situation de famille ou de grossesse : il ne peut pas être demandé ${LAW}.`,
    patterns: [
      /\bcelibataires?\b/,
      /\bsans enfants?\b/,
      /\bpas d['’ ]\s*enfants?\b/,
      /\b(non|pas) enceinte\b/,
      /\bgrossesse\b/,
      /\bsituation (familiale|de famille)\b/,
    ],
  },
  DISCRIMINATION_BELIEFS: {
    message: `Critère de religion, d’opinions ou d’activité syndicale : il ne peut pas être demandé ${LAW}.`,
    patterns: [
      /\b(non[- ]?(syndiques?|croyants?|pratiquants?))\b/,
      /\bsans (appartenance|etiquette) (politique|syndicale|religieuse)\b/,
      /\b(religion|convictions? religieuses?)\b/,
    ],
  },
};

/** Inclusive forms that name both sexes: never a "sex" warning. */
const BOTH_SEXES = /\b(hommes?\s*(\/|-|ou|et|,)\s*femmes?|femmes?\s*(\/|-|ou|et|,)\s*hommes?)\b/g;
/** Jobs whose name contains one of the words without being about the candidate's sex. */
const SEX_WORD_JOBS = /\bsages?-femmes?\b|\bhommes? de (l['’ ]\s*)?art\b/g;

/** H/F, F/H, (H/F), H/F/X, F/H/NB, H-F, « hommes/femmes »… in the title. */
const GENDER_MENTION = /(^|[^\p{L}])(h\s*[/\-–|]\s*f|f\s*[/\-–|]\s*h)(\s*[/\-–|]\s*(x|nb|n))?(?![\p{L}])|hommes?\s*(\/|ou)\s*femmes?|femmes?\s*(\/|ou)\s*hommes?/iu;

export const hasGenderMention = (title: string) => GENDER_MENTION.test(title.normalize('NFC'));

/**
 * Lower case without accents, the same length as the (NFC) input, so a match's indices point into
 * the text the recruiter wrote.
 */
function fold(text: string): string {
  let out = '';
  for (const c of text) {
    const folded = c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    out += folded.length === c.length ? folded : c.toLowerCase().length === c.length ? c.toLowerCase() : c;
  }
  return out;
}

function excerptOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 30);
  const to = Math.min(text.length, end + 30);
  const before = text.slice(from, start).replace(/^\S*\s/, from > 0 ? '' : '$&');
  const after = text.slice(end, to).replace(/\s\S*$/, to < text.length ? '' : '$&');
  return `${from > 0 ? '…' : ''}${before}${text.slice(start, end)}${after}${to < text.length ? '…' : ''}`.replace(/\s+/g, ' ').trim();
}

/** What the recruiter (and the moderator) should look at again before publishing. */
export function offerWarnings(offer: OfferText): OfferWarning[] {
  const warnings: OfferWarning[] = [];
  const seen = new Set<string>();
  const add = (warning: OfferWarning) => {
    const key = `${warning.code}|${warning.field}|${warning.excerpt.toLowerCase()}`;
    if (!seen.has(key)) {
      seen.add(key);
      warnings.push(warning);
    }
  };
  const title = offer.title?.normalize('NFC').trim();
  if (title && !hasGenderMention(title)) {
    add({
      code: 'GENDER_MENTION_MISSING',
      field: 'title',
      excerpt: title,
      message: 'Mention H/F absente de l’intitulé : ajoutez « H/F » (ou « F/H », « H/F/X ») pour montrer que l’offre s’adresse à toutes et à tous.',
    });
  }
  for (const field of TEXT_FIELDS) {
    const original = offer[field]?.normalize('NFC');
    if (!original?.trim()) continue;
    const folded = fold(original);
    // Forms naming both sexes, and jobs like sage-femme, hide from the "sex" criterion only.
    const forSex = folded.replace(BOTH_SEXES, (m) => ' '.repeat(m.length)).replace(SEX_WORD_JOBS, (m) => ' '.repeat(m.length));
    for (const [code, criterion] of Object.entries(CRITERIA) as Array<[OfferWarningCode, (typeof CRITERIA)[keyof typeof CRITERIA]]>) {
      const haystack = code === 'DISCRIMINATION_SEX' ? forSex : folded;
      for (const pattern of criterion.patterns) {
        for (const match of haystack.matchAll(new RegExp(pattern.source, 'g'))) {
          const start = match.index;
          add({ code, field, message: criterion.message, excerpt: excerptOf(original, start, start + match[0].length) });
        }
      }
    }
  }
  return warnings;
}
