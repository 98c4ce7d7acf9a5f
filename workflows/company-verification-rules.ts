// The company verification process of PRODUCT.md as data. Pure code, shared by the workflow (its
// Update validators), the API and the web app.
//
// One process per *membership* (a recruiter's place in a company): the FOUNDER's process is the
// company's own verification (its status is mirrored on the company); a MEMBER asks to join a company
// already verified and goes through the same states; an INVITED colleague is verified at once.
import type { Actor } from './actors.js';
import { defineRules, type Refusal } from './process-rules.js';

export const MEMBERSHIP_STATUSES = ['PENDING_EMAIL_CONFIRMATION', 'PENDING_ADMIN_VERIFICATION', 'VERIFIED', 'REJECTED', 'EXPIRED'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
/** Companies share the same statuses (companies.status mirrors the FOUNDER's membership). */
export type CompanyStatus = MembershipStatus;

export const MEMBERSHIP_KINDS = ['FOUNDER', 'MEMBER', 'INVITED'] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

export const MEMBERSHIP_ACTIONS = ['confirm_email', 'verify', 'reject'] as const;
export type MembershipAction = (typeof MEMBERSHIP_ACTIONS)[number];
/** The actions an admin sends through POST /api/companies/:id/transitions (confirm_email comes from the e-mail link). */
export const ADMIN_ACTIONS = ['verify', 'reject'] as const;

/** The people a membership involves, fixed when it is created. */
export interface MembershipParties {
  membershipId: string;
  companyId: string;
  /** The recruiter whose membership this is. */
  userId: string;
  kind: MembershipKind;
}

type Party = 'self' | 'admin';

export interface MembershipTransitionRequest {
  action: MembershipAction;
  actor: Actor;
  /** reject: why, told to the recruiter (required). */
  reason?: string | null;
  /** confirm_email: SHA-256 of the token of the link, marked used with the transition. */
  tokenHash?: string | null;
}

export type MembershipRefusal = Refusal<MembershipStatus, MembershipAction>;

/** The initial status: an invited colleague is verified at once. */
export const initialMembershipStatus = (kind: MembershipKind): MembershipStatus => (kind === 'INVITED' ? 'VERIFIED' : 'PENDING_EMAIL_CONFIRMATION');

export const membershipRules = defineRules<MembershipStatus, MembershipAction, Party, MembershipParties, MembershipTransitionRequest>({
  statuses: MEMBERSHIP_STATUSES,
  finalStatuses: ['VERIFIED', 'REJECTED', 'EXPIRED'],
  actions: MEMBERSHIP_ACTIONS,
  rules: {
    confirm_email: { from: ['PENDING_EMAIL_CONFIRMATION'], to: 'PENDING_ADMIN_VERIFICATION', party: 'self' },
    verify: { from: ['PENDING_ADMIN_VERIFICATION'], to: 'VERIFIED', party: 'admin' },
    reject: {
      from: ['PENDING_ADMIN_VERIFICATION'],
      to: 'REJECTED',
      party: 'admin',
      requires: { field: 'reason', reason: 'un motif est obligatoire pour refuser ; il sera transmis au recruteur.' },
    },
  },
  statusLabel: {
    PENDING_EMAIL_CONFIRMATION: 'en attente de confirmation de l’adresse e-mail',
    PENDING_ADMIN_VERIFICATION: 'en attente de vérification par l’équipe de la plateforme',
    VERIFIED: 'vérifiée',
    REJECTED: 'refusée',
    EXPIRED: 'expirée (adresse e-mail non confirmée à temps)',
  },
  partyLabel: {
    self: 'à la personne inscrite, par le lien reçu par e-mail',
    admin: 'à un administrateur de la plateforme',
  },
  // The subject of the messages: the company (its founder's process) or one recruiter's request to join it.
  subject: (parties) => (parties.kind === 'FOUNDER' ? 'l’inscription de l’entreprise' : 'la demande d’adhésion'),
  mayAct: (party, actor, parties) => (party === 'admin' ? actor.role === 'ADMIN' : actor.id === parties.userId),
});

/** Process events: the actions, and what happens on its own (registration, invitation, reminder, expiry). */
export type MembershipEventType = MembershipAction | 'registered' | 'invited' | 'email_reminder' | 'expire';

/** Each event of the history in French (the back office's history); `created_by_admin`: an account made in the back office. */
export const membershipEventLabel: Record<MembershipEventType | 'created_by_admin', string> = {
  registered: 'Inscription reçue',
  invited: 'Invitation d’un collègue',
  confirm_email: 'Adresse e-mail confirmée',
  email_reminder: 'Rappel de confirmation envoyé',
  verify: 'Vérifiée par la plateforme',
  reject: 'Refusée par la plateforme',
  expire: 'Expirée faute de confirmation',
  created_by_admin: 'Compte créé dans le back-office',
};

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
