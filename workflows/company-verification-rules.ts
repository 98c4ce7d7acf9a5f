// The company verification process of PRODUCT.md as data, and the SIREN / SIRET checks. Pure code,
// shared by the workflow (its Update validators), the API and the web app.
//
// One process per *membership* (a recruiter's place in a company): the FOUNDER's process is the
// company's own verification (its status is mirrored on the company); a MEMBER asks to join a company
// already verified and goes through the same states; an INVITED colleague is verified at once.
import type { Actor } from './application-rules.js';
import type { Refusal as ProcessRefusal } from './process.js';

/** One workflow per membership, its id derived from the membership's. */
export const companyVerificationWorkflowId = (membershipId: string) => `company-verification-${membershipId}`;

export const MEMBERSHIP_STATUSES = ['PENDING_EMAIL_CONFIRMATION', 'PENDING_ADMIN_VERIFICATION', 'VERIFIED', 'REJECTED', 'EXPIRED'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
/** Companies share the same statuses (companies.status mirrors the FOUNDER's membership). */
export type CompanyStatus = MembershipStatus;

export const FINAL_MEMBERSHIP_STATUSES: readonly MembershipStatus[] = ['VERIFIED', 'REJECTED', 'EXPIRED'];
export const isFinalMembership = (status: MembershipStatus) => FINAL_MEMBERSHIP_STATUSES.includes(status);

export const MEMBERSHIP_KINDS = ['FOUNDER', 'MEMBER', 'INVITED'] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

export const COMPANY_VERIFICATION_ACTIONS = ['confirm_email', 'verify', 'reject'] as const;
export type CompanyVerificationAction = (typeof COMPANY_VERIFICATION_ACTIONS)[number];
/** The actions an admin sends through POST /api/companies/:id/transitions (confirm_email comes from the e-mail link). */
export const ADMIN_ACTIONS = ['verify', 'reject'] as const;

/** What the case waits for next (search attribute WaitingFor). */
export const WAITING_FOR: Record<MembershipStatus, 'EMAIL' | 'ADMIN' | 'NOBODY'> = {
  PENDING_EMAIL_CONFIRMATION: 'EMAIL',
  PENDING_ADMIN_VERIFICATION: 'ADMIN',
  VERIFIED: 'NOBODY',
  REJECTED: 'NOBODY',
  EXPIRED: 'NOBODY',
};

/** The people a membership involves, fixed when it is created. */
export interface MembershipParties {
  membershipId: string;
  companyId: string;
  /** The recruiter whose membership this is. */
  userId: string;
  kind: MembershipKind;
}

type Party = 'self' | 'admin';

interface Rule {
  from: readonly MembershipStatus[];
  to: MembershipStatus;
  party: Party;
  requiresReason?: boolean;
}

export const RULES: Record<CompanyVerificationAction, Rule> = {
  confirm_email: { from: ['PENDING_EMAIL_CONFIRMATION'], to: 'PENDING_ADMIN_VERIFICATION', party: 'self' },
  verify: { from: ['PENDING_ADMIN_VERIFICATION'], to: 'VERIFIED', party: 'admin' },
  reject: { from: ['PENDING_ADMIN_VERIFICATION'], to: 'REJECTED', party: 'admin', requiresReason: true },
};

const PARTY_LABEL: Record<Party, string> = {
  self: 'la personne inscrite, par le lien reçu par e-mail',
  admin: 'un administrateur de la plateforme',
};

export const MEMBERSHIP_STATUS_LABEL: Record<MembershipStatus, string> = {
  PENDING_EMAIL_CONFIRMATION: 'en attente de confirmation de l’adresse e-mail',
  PENDING_ADMIN_VERIFICATION: 'en attente de vérification par l’équipe de la plateforme',
  VERIFIED: 'vérifiée',
  REJECTED: 'refusée',
  EXPIRED: 'expirée (adresse e-mail non confirmée à temps)',
};

export function mayAct(party: Party, actor: Actor, parties: MembershipParties): boolean {
  return party === 'admin' ? actor.role === 'ADMIN' : actor.id === parties.userId;
}

export interface CompanyVerificationRequest {
  action: CompanyVerificationAction;
  actor: Actor;
  /** reject: why, told to the recruiter (required). */
  reason?: string | null;
  /** confirm_email: SHA-256 of the token of the link, marked used with the transition. */
  tokenHash?: string | null;
}

export type CompanyVerificationRefusal = ProcessRefusal<MembershipStatus, CompanyVerificationAction>;

export function allowedActions(status: MembershipStatus, actor: Actor, parties: MembershipParties): CompanyVerificationAction[] {
  return COMPANY_VERIFICATION_ACTIONS.filter((action) => RULES[action].from.includes(status) && mayAct(RULES[action].party, actor, parties));
}

/** The subject of the messages: the company (its founder's process) or one recruiter's request to join it. */
const subjectOf = (kind: MembershipKind) => (kind === 'FOUNDER' ? 'l’inscription de l’entreprise' : 'la demande d’adhésion');

/** Why this request may not run now, or null. Order: who (403), then state (409), then the fields (400). */
export function refusalOf(request: CompanyVerificationRequest, status: MembershipStatus, parties: MembershipParties): CompanyVerificationRefusal | null {
  const rule = RULES[request.action];
  const refuse = (code: CompanyVerificationRefusal['code'], message: string): CompanyVerificationRefusal => ({
    code,
    message,
    status,
    allowedActions: allowedActions(status, request.actor, parties),
  });
  if (!rule) return refuse('VALIDATION_FAILED', `Action inconnue : ${String(request.action)}.`);
  if (!mayAct(rule.party, request.actor, parties)) {
    return refuse('FORBIDDEN', `L’action « ${request.action} » est réservée à ${PARTY_LABEL[rule.party]}.`);
  }
  if (!rule.from.includes(status)) {
    return refuse(
      'ILLEGAL_TRANSITION',
      `L’action « ${request.action} » est impossible : ${subjectOf(parties.kind)} est ${MEMBERSHIP_STATUS_LABEL[status]} (${status}).`,
    );
  }
  if (rule.requiresReason && !request.reason?.trim()) {
    return refuse('VALIDATION_FAILED', 'reason : un motif est obligatoire pour refuser ; il sera transmis au recruteur.');
  }
  return null;
}

export const nextStatus = (action: CompanyVerificationAction): MembershipStatus => RULES[action].to;

/** Process events: the actions, and what happens on its own (registration, invitation, reminder, expiry). */
export type MembershipEventType = CompanyVerificationAction | 'registered' | 'invited' | 'email_reminder' | 'expire';

/** What the notification activity needs to tell people about one event of one membership. */
export interface MembershipNotice {
  workflowId: string;
  membershipId: string;
  /** The event's place in the history: with workflowId, the idempotency key of every mail it causes. */
  seq: number;
  event: MembershipEventType;
  status: MembershipStatus;
  actor: Actor | null;
  message: string | null;
  /** When an e-mail confirmation link stops working (registered, email_reminder). */
  linkExpiresAt: string | null;
}

/**
 * Why a recruiter may not sign in yet, in French, or null when they may. Told only after the password
 * was checked: it is the person's own account.
 */
export function recruiterAccessRefusal(
  membership: { status: MembershipStatus; kind: MembershipKind; reason?: string | null } | null,
  companyStatus: CompanyStatus | null,
): string | null {
  if (!membership) {
    return companyStatus === 'VERIFIED'
      ? null // accounts older than memberships (none in practice): the company's status decides
      : 'Votre compte recruteur n’est pas encore actif : l’entreprise doit d’abord être vérifiée par l’équipe de la plateforme.';
  }
  switch (membership.status) {
    case 'PENDING_EMAIL_CONFIRMATION':
      return 'Votre adresse e-mail n’est pas encore confirmée : cliquez sur le lien de confirmation que nous vous avons envoyé par e-mail (pensez à vérifier vos courriers indésirables). Votre compte sera ensuite vérifié par l’équipe de la plateforme.';
    case 'PENDING_ADMIN_VERIFICATION':
      return membership.kind === 'FOUNDER'
        ? 'Votre adresse e-mail est confirmée. L’équipe de la plateforme vérifie maintenant votre entreprise : vous recevrez un e-mail dès que votre compte sera activé.'
        : 'Votre adresse e-mail est confirmée. L’équipe de la plateforme vérifie maintenant que vous appartenez bien à l’entreprise : vous recevrez un e-mail dès que votre compte sera activé.';
    case 'REJECTED':
      return `Votre demande d’inscription a été refusée par l’équipe de la plateforme${membership.reason ? ` : « ${membership.reason} »` : '.'} Pour toute question, répondez à l’e-mail que vous avez reçu.`;
    case 'EXPIRED':
      return 'Votre demande d’inscription a expiré : l’adresse e-mail n’a pas été confirmée dans les 48 heures. Inscrivez-vous à nouveau pour recevoir un nouveau lien.';
    case 'VERIFIED':
      if (companyStatus === 'VERIFIED') return null;
      return 'Votre compte recruteur n’est pas encore actif : l’entreprise doit d’abord être vérifiée par l’équipe de la plateforme.';
  }
}

// ---- SIREN / SIRET ----

/** SIREN of La Poste: its establishments' SIRETs use another key (sum of the 14 digits multiple of 5). */
export const LA_POSTE_SIREN = '356000000';

/** Luhn: every second digit from the right doubled (minus 9 past 9); valid when the sum ends in 0. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Spaces (also non-breaking) and dots people type in "732 829 320" or "732.829.320" are dropped. */
export const normalizeCompanyNumber = (value: string) => value.replace(/[\s.\u00a0\u202f]/g, '');

function numberProblem(label: 'SIREN' | 'SIRET', length: number, value: string): string | null {
  const digits = normalizeCompanyNumber(value);
  if (digits.length === 0) return `le numéro ${label} est obligatoire (${length} chiffres)`;
  if (!/^\d+$/.test(digits)) return `le numéro ${label} ne doit contenir que des chiffres (${length} chiffres, ex. ${label === 'SIREN' ? '732 829 320' : '732 829 320 00074'})`;
  if (digits.length !== length) {
    return `le numéro ${label} doit comporter ${length} chiffres (${digits.length} saisi${digits.length > 1 ? 's' : ''})`;
  }
  return null;
}

const KEY_HINT = 'vérifiez-le sur votre extrait Kbis, votre avis de situation Insee ou annuaire-entreprises.data.gouv.fr';

/** Why this SIREN is not valid, in French (without the field's name), or null. */
export function sirenProblem(value: string): string | null {
  const shape = numberProblem('SIREN', 9, value);
  if (shape) return shape;
  if (!luhnValid(normalizeCompanyNumber(value))) return `ce numéro SIREN n’existe pas (sa clé de contrôle est fausse) ; ${KEY_HINT}`;
  return null;
}

/**
 * Why this SIRET is not valid, or null. A SIRET is the SIREN (9 digits) followed by the establishment's
 * number (5 digits), Luhn over all 14 — except La Poste's establishments (SIREN 356000000), whose key is
 * the sum of the 14 digits being a multiple of 5 (the head office also passes Luhn).
 */
export function siretProblem(value: string): string | null {
  const shape = numberProblem('SIRET', 14, value);
  if (shape) return shape;
  const digits = normalizeCompanyNumber(value);
  const siren = digits.slice(0, 9);
  if (siren === LA_POSTE_SIREN) {
    const sum = [...digits].reduce((total, d) => total + Number(d), 0);
    if (sum % 5 === 0 || luhnValid(digits)) return null;
    return `ce numéro SIRET de La Poste n’existe pas (la somme de ses chiffres doit être un multiple de 5) ; ${KEY_HINT}`;
  }
  if (!luhnValid(siren)) return `ses 9 premiers chiffres (${siren}) ne forment pas un SIREN valide ; ${KEY_HINT}`;
  if (!luhnValid(digits)) return `ce numéro SIRET n’existe pas (sa clé de contrôle est fausse) ; ${KEY_HINT}`;
  return null;
}

/** « siren : … » — the problem with the field's name, or null. */
export function sirenError(value: string, field = 'siren'): string | null {
  const problem = sirenProblem(value);
  return problem && `${field} : ${problem}.`;
}

export function siretError(value: string, field = 'siret'): string | null {
  const problem = siretProblem(value);
  return problem && `${field} : ${problem}.`;
}
