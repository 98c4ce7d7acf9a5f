// What people choose to be told of, and how (issue #16, item 2; seed 001: « alertes » by e-mail,
// « notifications » in the site). Pure data, shared by the API (GET|PUT /api/me/preferences), the web
// page « Préférences de notification » and the notice pipeline (activities/notices.ts).
//
// A preference kind groups notice kinds (`${entityType}.${event}`) as a person thinks of them. The same
// notice kind may belong to two groups for different roles (a validated application is « new » for the
// company, a decision for the candidate): the first group of the list that covers both the kind and the
// reader's role decides. A notice kind no group covers for that role is always sent, by e-mail and in
// the site; so are security mails (address confirmation, password reset and change, lockout, temporary
// passwords, account deletion), which are not notices at all and never appear here.
import type { Role } from './actors.js';

export const PREFERENCE_KINDS = [
  'new_applications',
  'application_updates',
  'interviews',
  'reminders',
  'offer_moderation',
  'company_verification',
  'sponsorships',
  'message',
  'contact_request',
  'saved_search_alert',
  'offer_invitation',
] as const;
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];

export interface Channels {
  email: boolean;
  inApp: boolean;
}

export interface PreferenceGroup {
  kind: PreferenceKind;
  label: string;
  /** One sentence under the label: what this group tells. */
  hint: string;
  /** The notice kinds it covers (`message`: the message digests, activities of the messages part). */
  notices: readonly string[];
  /** The roles that are told of these events, and so see the group on their page. */
  roles: readonly Role[];
}

const PROFESSIONALS: readonly Role[] = ['REFERENT', 'MISSION_OFFICER', 'RECRUITER'];
const PEOPLE_OF_AN_APPLICATION: readonly Role[] = ['CANDIDATE', 'REFERENT', 'MISSION_OFFICER', 'RECRUITER'];

export const PREFERENCE_GROUPS: readonly PreferenceGroup[] = [
  {
    kind: 'new_applications',
    label: 'Nouvelles candidatures',
    hint: 'Une candidature à valider (référents) ou reçue par votre entreprise (recruteurs).',
    notices: ['application.created', 'application.validate'],
    roles: PROFESSIONALS,
  },
  {
    kind: 'application_updates',
    label: 'Décisions sur les candidatures',
    hint: 'Envoi à l’entreprise, refus, embauche, retrait, changement de référent.',
    notices: [
      'application.created',
      'application.validate',
      'application.reject',
      'application.accept',
      'application.refuse',
      'application.hire',
      'application.not_hire',
      'application.withdraw',
      'application.change_follow_up',
    ],
    roles: PEOPLE_OF_AN_APPLICATION,
  },
  {
    kind: 'interviews',
    label: 'Entretiens',
    hint: 'Propositions, confirmations, annulations et rappels d’entretien (avec l’invitation pour votre agenda).',
    notices: [
      'application.propose_interview',
      'application.reschedule_interview',
      'application.request_other_slot',
      'application.confirm_interview',
      'application.cancel_interview',
      'application.interview_reminder',
      'application.mark_interview_done',
    ],
    roles: PEOPLE_OF_AN_APPLICATION,
  },
  {
    kind: 'reminders',
    label: 'Relances',
    hint: 'Une candidature ou une demande de parrainage qui attend votre réponse depuis plusieurs jours.',
    notices: ['application.referent_reminder', 'application.referent_escalation', 'application.recruiter_reminder', 'sponsorship.reminder'],
    roles: ['REFERENT', 'MISSION_OFFICER', 'RECRUITER', 'ADMIN'],
  },
  {
    kind: 'offer_moderation',
    label: 'Modération des offres',
    hint: 'Offres à modérer (administrateurs), offres publiées, refusées, expirées ou archivées (recruteurs).',
    notices: ['offer.submit', 'offer.edit', 'offer.approve', 'offer.reject', 'offer.expired', 'offer.archive'],
    roles: ['RECRUITER', 'ADMIN'],
  },
  {
    kind: 'company_verification',
    label: 'Entreprises à vérifier',
    hint: 'Une entreprise inscrite a confirmé son adresse et attend votre vérification.',
    notices: ['company.confirm_email'],
    roles: ['ADMIN'],
  },
  {
    kind: 'sponsorships',
    label: 'Parrainages',
    hint: 'Demandes de parrainage, réponses des entreprises, changement de référent.',
    notices: ['sponsorship.created', 'sponsorship.accept', 'sponsorship.refuse', 'sponsorship.change_follow_up', 'sponsorship.withdraw'],
    roles: PEOPLE_OF_AN_APPLICATION,
  },
  {
    kind: 'message',
    label: 'Messages',
    hint: 'Les nouveaux messages d’une candidature (un récapitulatif par conversation).',
    notices: ['message'],
    roles: PEOPLE_OF_AN_APPLICATION,
  },
  {
    kind: 'contact_request',
    label: 'Demandes de contact (CVthèque)',
    hint: 'Une entreprise demande à vous contacter (ou à contacter une personne que vous suivez) ; les réponses à vos demandes.',
    notices: ['contact_request.created', 'contact_request.reminder', 'contact_request.accept', 'contact_request.decline', 'contact_request.expire', 'contact_request.cancel'],
    roles: ['CANDIDATE', 'REFERENT', 'RECRUITER'],
  },
  {
    kind: 'saved_search_alert',
    label: 'Alertes de la CVthèque',
    hint: 'Les nouveaux profils correspondant à vos recherches enregistrées avec une alerte (un e-mail par recherche et par passage).',
    notices: ['saved_search_alert'],
    roles: ['RECRUITER'],
  },
  {
    kind: 'offer_invitation',
    label: 'Invitations à candidater',
    hint: 'Une entreprise vous invite à candidater à une de ses offres : vous restez libre de candidater ou non.',
    notices: ['offer_invitation'],
    roles: ['CANDIDATE'],
  },
];

const ALL: Channels = { email: true, inApp: true };

/**
 * What each role gets before choosing: everything in the site, and by e-mail every mail the platform
 * sent before preferences existed (nobody silently stops receiving a mail). Messages by e-mail too,
 * recruiters included: a candidate's question left unseen costs more than a mail, and the digest
 * already folds a thread's messages into one mail per delay.
 */
export const DEFAULT_CHANNELS: Record<Role, Partial<Record<PreferenceKind, Channels>>> = {
  CANDIDATE: { application_updates: ALL, interviews: ALL, sponsorships: ALL, message: ALL, contact_request: ALL, offer_invitation: ALL },
  REFERENT: { new_applications: ALL, application_updates: ALL, interviews: ALL, reminders: ALL, sponsorships: ALL, message: ALL, contact_request: ALL },
  MISSION_OFFICER: { new_applications: ALL, application_updates: ALL, interviews: ALL, reminders: ALL, sponsorships: ALL, message: ALL },
  RECRUITER: { new_applications: ALL, application_updates: ALL, interviews: ALL, reminders: ALL, offer_moderation: ALL, sponsorships: ALL, message: ALL, contact_request: ALL, saved_search_alert: ALL },
  ADMIN: { reminders: ALL, offer_moderation: ALL, company_verification: ALL },
};

/** The groups a role sees (and may set). */
export const groupsFor = (role: Role): PreferenceGroup[] => PREFERENCE_GROUPS.filter((g) => g.roles.includes(role));

export const isPreferenceKind = (kind: string): kind is PreferenceKind => (PREFERENCE_KINDS as readonly string[]).includes(kind);

/** The preference kind that decides how `role` hears of `kind` (a notice kind, or a preference kind itself); null: always told. */
export function preferenceKindOf(kind: string, role: Role): PreferenceKind | null {
  if (isPreferenceKind(kind)) return PREFERENCE_GROUPS.some((g) => g.kind === kind && g.roles.includes(role)) ? kind : null;
  return PREFERENCE_GROUPS.find((g) => g.roles.includes(role) && g.notices.includes(kind))?.kind ?? null;
}

/** A role's default for a preference kind; a kind it does not see is always told. */
export const defaultChannels = (role: Role, kind: PreferenceKind): Channels => DEFAULT_CHANNELS[role][kind] ?? ALL;
