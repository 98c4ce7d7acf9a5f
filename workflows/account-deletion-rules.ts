// Account deletion (« Supprimer mon compte ») as data: its states, who may cancel, and the words the
// API, the web app and the workflow share. Pure code (no Temporal import).
import type { Actor } from './actors.js';

/**
 * SCHEDULED: the grace period runs, the person may cancel (and still signs in). IN_PROGRESS: carried
 * out (account disabled, cases closed, data erased). CANCELLED: by the person, or refused when due
 * (`reason`). DONE: the account is anonymised.
 */
export const ACCOUNT_DELETION_STATUSES = ['SCHEDULED', 'IN_PROGRESS', 'CANCELLED', 'DONE'] as const;
export type AccountDeletionStatus = (typeof ACCOUNT_DELETION_STATUSES)[number];

export const accountDeletionStatusLabel: Record<AccountDeletionStatus, string> = {
  SCHEDULED: 'suppression programmée',
  IN_PROGRESS: 'suppression en cours',
  CANCELLED: 'suppression annulée',
  DONE: 'compte supprimé',
};

/** 30 days by default (ACCOUNT_DELETION_GRACE): the workflow takes it from its input. */
export const DEFAULT_DELETION_GRACE_MS = 30 * 86_400_000;

/** One workflow id per account: a second request while one is scheduled finds it (idempotent). */
export const accountDeletionWorkflowId = (userId: string) => `account-deletion-${userId}`;

/** What an anonymised account is called wherever its name was shown (history, offers, mails). */
export const DELETED_FIRST_NAME = 'Compte';
export const DELETED_LAST_NAME = 'supprimé';
/** A unique address that can never be delivered (RFC 2606 reserves .invalid). */
export const deletedEmailOf = (userId: string) => `compte-supprime-${userId}@supprime.invalid`;

/** The state as the API and the web app show it. */
export interface AccountDeletionView {
  status: AccountDeletionStatus;
  requestedAt: string;
  /** When the deletion is carried out (end of the grace period). */
  dueAt: string;
  /** CANCELLED: by the person, or why it could not be carried out. */
  reason: string | null;
}

export interface CancelDeletionRequest {
  actor: Actor;
}

/** Why this cancellation may not run now (the Update's validator, checked again under the lock). */
export function cancelRefusal(status: AccountDeletionStatus, actor: Actor, userId: string): { code: 'FORBIDDEN' | 'ILLEGAL_TRANSITION'; message: string } | null {
  if (actor.id !== userId) return { code: 'FORBIDDEN', message: 'Seule la personne titulaire du compte peut annuler sa suppression.' };
  if (status === 'SCHEDULED') return null;
  const why: Record<Exclude<AccountDeletionStatus, 'SCHEDULED'>, string> = {
    IN_PROGRESS: 'La suppression de votre compte est déjà en cours : elle ne peut plus être annulée.',
    CANCELLED: 'La suppression de votre compte est déjà annulée.',
    DONE: 'Votre compte est déjà supprimé.',
  };
  return { code: 'ILLEGAL_TRANSITION', message: why[status] };
}

/** Why an account may not be deleted now (asked when it is requested, and again when it is due). */
export const DELETION_BLOCKERS = {
  FOLLOWED_CANDIDATES: 'Vos candidats doivent d’abord être confiés à un autre référent : demandez-le à votre chargé de mission ou à un administrateur, puis supprimez votre compte.',
  FOLLOWED_REFERENTS: 'Les référents de votre réseau doivent d’abord être confiés à un autre chargé de mission : demandez-le à un administrateur, puis supprimez votre compte.',
  LAST_ADMIN: 'Vous êtes le dernier administrateur actif de la plateforme : nommez-en un autre avant de supprimer votre compte.',
} as const;
export type DeletionBlocker = keyof typeof DELETION_BLOCKERS;
