// What people read about a recruiter's place in a company (registration, membership request,
// invitation), in French: the mails carrying a confirmation link or a temporary password, and the
// notices to the admins and to the registrant. Who is told is decided in company-verification-notices.ts.
import type { MembershipEventType } from '../workflows/company-verification-rules.js';
import type { MembershipAudience, MembershipContext } from './company-verification-notices.js';
import { formatParisDateTime } from './ics.js';
import type { MailBlock } from './mail.js';
import type { Copy } from './notices.js';
import { CHOOSE_YOUR_PASSWORD, credentials, type SecretLetter } from './secret-mail.js';
import { de } from '../workflows/glossary.js';

/** A letter carrying a secret, before it is addressed. */
export type UnaddressedLetter = Omit<SecretLetter, 'to' | 'firstName'>;

export const MEMBERSHIP_PAGE_LABEL = 'Voir l’entreprise sur Tremplin';

/** The link every mail of this process ends with, but the admins'. */
const signIn = (ctx: MembershipContext, label = 'Se connecter à Tremplin') => ({ label, href: `${ctx.publicUrl}/connexion` });

const companyFacts = (ctx: MembershipContext): Array<[string, string]> => [
  ['Entreprise', ctx.companyName],
  ['SIREN', ctx.siren],
  ...(ctx.siret ? [['SIRET', ctx.siret] as [string, string]] : []),
  ...(ctx.city ? [['Ville', ctx.city] as [string, string]] : []),
];

const founder = (ctx: MembershipContext) => ctx.kind === 'FOUNDER';

/** The link that confirms the registrant's e-mail address, valid until `expiresAt`. */
export function confirmationLetter(ctx: MembershipContext, link: string, expiresAt: string): UnaddressedLetter {
  const { companyName } = ctx;
  const until = formatParisDateTime(expiresAt);
  const reminder = ctx.notice.event === 'email_reminder';
  const what = founder(ctx) ? `l’inscription de l’entreprise ${companyName}` : `votre demande pour rejoindre l’espace recruteur ${de(companyName)}`;
  return {
    subject: reminder ? `Rappel : confirmez votre adresse e-mail — ${companyName}` : `Confirmez votre adresse e-mail — ${companyName}`,
    paragraphs: [
      reminder
        ? `Votre demande (${what}) attend toujours la confirmation de votre adresse e-mail. Sans confirmation avant le ${until} (heure de Paris), elle expirera.`
        : `Nous avons bien reçu ${founder(ctx) ? `votre demande d’inscription de l’entreprise ${companyName}` : what} sur Tremplin. Pour la poursuivre, confirmez votre adresse e-mail.`,
    ],
    details: [{ kind: 'facts', items: companyFacts(ctx) }],
    link: { label: 'Confirmer mon adresse e-mail', href: link },
    closing: [
      `Ce lien ne fonctionne qu’une fois, jusqu’au ${until} (heure de Paris).`,
      founder(ctx)
        ? 'Ensuite, l’équipe de la plateforme vérifiera votre entreprise avant d’activer votre compte : vous recevrez un e-mail dès que ce sera fait.'
        : 'Ensuite, l’équipe de la plateforme vérifiera que vous appartenez bien à l’entreprise avant d’activer votre compte : vous recevrez un e-mail dès que ce sera fait.',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : sans confirmation, elle expirera d’elle-même.',
    ],
  };
}

/** A colleague's new account, with its temporary password. */
export function invitationLetter(ctx: MembershipContext, password: string): UnaddressedLetter {
  return {
    subject: `Votre accès recruteur Tremplin — ${ctx.companyName}`,
    paragraphs: [
      `${ctx.inviterName ?? 'Un collègue'} vous a créé un compte recruteur pour ${ctx.companyName} sur Tremplin : vous pouvez y publier des offres d’emploi et suivre les candidatures de votre entreprise.`,
    ],
    details: [credentials(ctx.registrant.email, password)],
    link: signIn(ctx),
    closing: [CHOOSE_YOUR_PASSWORD],
  };
}

export const MEMBERSHIP_COPY: Copy<MembershipEventType, MembershipAudience, MembershipContext> = {
  registered: {},
  email_reminder: {},
  invited: {},
  expire: {},

  confirm_email: {
    admin: (ctx) => {
      const { registrant, companyName } = ctx;
      const headline = founder(ctx) ? `Entreprise à vérifier : ${companyName}` : `Demande d’adhésion à vérifier : ${registrant.name} (${companyName})`;
      const requester: Array<[string, string]> = [
        ['Demandeur', `${registrant.name}${registrant.jobTitle ? `, ${registrant.jobTitle}` : ''}`],
        ['E-mail', registrant.email],
        ...(registrant.phone ? [['Téléphone', registrant.phone] as [string, string]] : []),
        ['Demande n°', ctx.membershipId],
      ];
      return {
        headline,
        subject: `${headline} (SIREN ${ctx.siren})`,
        paragraphs: [
          founder(ctx)
            ? `${registrant.name} a inscrit l’entreprise ${companyName} et confirmé son adresse e-mail. L’entreprise attend votre vérification avant que son compte recruteur soit activé.`
            : `${registrant.name} demande à rejoindre l’espace recruteur ${de(companyName)}, entreprise déjà vérifiée, et a confirmé son adresse e-mail. Vérifiez qu’il ou elle appartient bien à l’entreprise.`,
          'Vérifiez le SIREN et les coordonnées, puis validez (verify) ou refusez en indiquant le motif (reject).',
        ],
        details: [{ kind: 'facts', items: [...companyFacts(ctx), ...requester] } satisfies MailBlock],
        link: { label: 'Ouvrir l’entreprise dans le back-office', href: `${ctx.publicUrl}/admin/resources/companies/records/${ctx.companyId}/show` },
      };
    },
  },

  verify: {
    registrant: (ctx) => ({
      headline: 'Compte recruteur activé',
      subject: `Votre compte recruteur est activé — ${ctx.companyName}`,
      paragraphs: [
        founder(ctx)
          ? `L’équipe de la plateforme a vérifié votre entreprise, ${ctx.companyName}. Votre compte recruteur est activé.`
          : `L’équipe de la plateforme a confirmé que vous faites partie ${de(ctx.companyName)}. Votre compte recruteur est activé.`,
        'Connectez-vous avec votre adresse e-mail et le mot de passe choisi à l’inscription pour publier vos offres.',
      ],
      link: signIn(ctx),
    }),
  },

  reject: {
    registrant: (ctx) => ({
      headline: 'Demande d’inscription refusée',
      subject: `Votre demande d’inscription n’a pas été acceptée — ${ctx.companyName}`,
      paragraphs: [
        founder(ctx)
          ? `L’équipe de la plateforme n’a pas pu valider l’inscription de l’entreprise ${ctx.companyName}.`
          : `L’équipe de la plateforme n’a pas pu valider votre demande pour rejoindre ${ctx.companyName}.`,
        'Pour toute question, ou pour apporter un justificatif, répondez à ce message.',
      ],
      quote: ctx.notice.message ? { label: 'Motif :', text: ctx.notice.message } : null,
      link: signIn(ctx, 'Tremplin'),
    }),
  },
};
