// What the company's recruiters and the moderators read about an event of an offer, in French. Who is
// told is decided in offer-notices.ts.
import type { OfferEventType } from '../workflows/offer-rules.js';
import { offerWarnings } from '../workflows/offer-wording.js';
import { formatParisDateTime } from './ics.js';
import type { OfferAudience, OfferContext } from './offer-notices.js';
import type { Copy } from './notices.js';

export const OFFER_PAGE_LABEL = 'Voir l’offre sur Tremplin';

/** After the headline in a mail's subject. */
export const offerTopic = (ctx: OfferContext) => `« ${ctx.offer.title} » (${ctx.companyName})`;

/** The moderator's or the platform's reason, when one was given. */
const reason = (ctx: OfferContext, label: string) => {
  const text = ctx.notice.message?.trim();
  return text ? { label, text } : null;
};

/** The wording warnings, computed again on the offer as it now is, for the moderators. */
const warningsCopy = (ctx: OfferContext) => {
  const warnings = offerWarnings(ctx.offer);
  return {
    paragraph: warnings.length
      ? `La plateforme a relevé ${warnings.length} point(s) à vérifier (mention H/F, formulations discriminantes) :`
      : 'La plateforme n’a relevé ni absence de mention H/F ni formulation discriminante ; merci de vérifier l’offre avant de la publier.',
    details: warnings.length ? [{ kind: 'facts' as const, items: warnings.map((w): [string, string] => [w.message.split(' :')[0]!, `« ${w.excerpt} »`]) }] : [],
  };
};

export const OFFER_COPY: Copy<OfferEventType, OfferAudience, OfferContext> = {
  created: {},
  submit: {
    admin: (ctx) => {
      const warnings = warningsCopy(ctx);
      return {
        headline: 'Offre à modérer',
        paragraphs: [`${ctx.actorName ?? 'Un recruteur'} (${ctx.companyName}) a soumis l’offre « ${ctx.offer.title} » : elle attend votre modération avant d’être publiée.`, warnings.paragraph],
        details: warnings.details,
      };
    },
  },
  edit: {
    admin: (ctx) => {
      const warnings = warningsCopy(ctx);
      return {
        headline: 'Offre modifiée à modérer',
        paragraphs: [
          `${ctx.actorName ?? 'Un recruteur'} (${ctx.companyName}) a modifié l’offre publiée « ${ctx.offer.title} » : elle est retirée du site et attend votre modération. Publiée à nouveau, elle garde sa date de fin.`,
          ctx.notice.message ?? '',
          warnings.paragraph,
        ].filter(Boolean),
        details: warnings.details,
      };
    },
  },
  approve: {
    recruiter: ({ offer }) => ({
      headline: 'Votre offre est publiée',
      paragraphs: [
        `L’offre « ${offer.title} » a été validée par la modération : elle est en ligne et reçoit des candidatures.`,
        offer.expiresAt ? `Elle restera en ligne jusqu’au ${formatParisDateTime(offer.expiresAt)}.` : '',
      ].filter(Boolean),
    }),
  },
  reject: {
    recruiter: (ctx) => ({
      headline: 'Votre offre n’a pas été validée',
      paragraphs: [`La modération n’a pas validé l’offre « ${ctx.offer.title} ».`, 'Modifiez-la en tenant compte du motif ci-dessous, puis soumettez-la à nouveau.'],
      quote: reason(ctx, 'Motif de la modération :'),
    }),
  },
  expired: {
    recruiter: ({ offer }) => ({
      headline: 'Votre offre a expiré',
      paragraphs: [
        `L’offre « ${offer.title} » est arrivée à échéance : elle n’est plus en ligne et ne reçoit plus de candidatures.`,
        'Les candidatures déjà reçues restent consultables. Pour la republier, dupliquez-la et soumettez la copie.',
      ],
    }),
  },
  archive: {
    recruiter: (ctx) => ({
      headline: 'Votre offre a été archivée',
      paragraphs: [`L’équipe de la plateforme a archivé l’offre « ${ctx.offer.title} » : elle n’est plus en ligne.`],
      quote: reason(ctx, 'Motif :'),
    }),
  },
};
