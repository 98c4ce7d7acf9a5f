// Who is told what about an event of an offer, in French: an in-app notification and an e-mail per
// person concerned, keyed by (workflow, event seq, person) so a retried activity tells nobody twice.
// Submitted: every admin (an offer waits for moderation, with the points the platform flagged);
// approved, rejected (with the reason), expired, archived by an admin: the company's recruiters.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Company, Offer, User } from '../models/index.js';
import { activeRecruitersOf } from '../models/recruiters.js';
import type { OfferNotice } from '../workflows/offer-rules.js';
import { offerWarnings } from '../workflows/offer-wording.js';
import type { ActivityDeps } from './deps.js';
import { formatParisDateTime } from './ics.js';
import { renderMail, type MailBlock } from './mail.js';
import { createNoticeSender, noticeKeyOf, type Notice } from './notices.js';

interface Person {
  id: string;
  firstName: string;
  email: string;
}

interface Draft {
  headline: string;
  paragraphs: string[];
  quote?: { label: string; text: string } | null;
  facts?: Array<[string, string]>;
}

const toPerson = (user: User): Person => ({ id: user.id, firstName: user.firstName, email: user.email });

/** The web app's page of an offer. */
export const offerLink = (offerId: string) => `/offres/${offerId}`;

export function createOfferNotices(deps: ActivityDeps) {
  const { config, logger } = deps;
  const sendNotices = createNoticeSender(deps);

  async function notifyOfferEvent(notice: OfferNotice): Promise<void> {
    const offer = await Offer.findByPk(notice.offerId);
    if (!offer) throw ApplicationFailure.nonRetryable(`Offre ${notice.offerId} introuvable`, 'NOT_FOUND');
    const company = await Company.findByPk(offer.companyId);
    const companyName = company?.name ?? 'l’entreprise';
    const title = offer.title;
    const reason = notice.message?.trim() || null;
    const actor = notice.actor ? await User.findByPk(notice.actor.id) : null;
    const actorName = actor ? `${actor.firstName} ${actor.lastName}` : (notice.actor?.name ?? null);

    let recipients: Person[] = [];
    let draft: Draft | null = null;
    const recruiters = async () =>
      (await activeRecruitersOf(offer.companyId)).map(toPerson);

    switch (notice.event) {
      case 'submit': {
        recipients = (await User.findAll({ where: { role: 'ADMIN', disabledAt: null }, order: [['createdAt', 'ASC']] })).map(toPerson);
        const warnings = offerWarnings(offer);
        draft = {
          headline: 'Offre à modérer',
          paragraphs: [
            `${actorName ?? 'Un recruteur'} (${companyName}) a soumis l’offre « ${title} » : elle attend votre modération avant d’être publiée.`,
            warnings.length
              ? `La plateforme a relevé ${warnings.length} point(s) à vérifier (mention H/F, formulations discriminantes) :`
              : 'La plateforme n’a relevé ni absence de mention H/F ni formulation discriminante ; merci de vérifier l’offre avant de la publier.',
          ],
          facts: warnings.map((w): [string, string] => [w.message.split(' :')[0]!, `« ${w.excerpt} »`]),
        };
        break;
      }
      case 'approve':
        recipients = await recruiters();
        draft = {
          headline: 'Votre offre est publiée',
          paragraphs: [
            `L’offre « ${title} » a été validée par la modération : elle est en ligne et reçoit des candidatures.`,
            offer.expiresAt ? `Elle restera en ligne jusqu’au ${formatParisDateTime(offer.expiresAt)}.` : '',
          ].filter(Boolean),
        };
        break;
      case 'reject':
        recipients = await recruiters();
        draft = {
          headline: 'Votre offre n’a pas été validée',
          paragraphs: [
            `La modération n’a pas validé l’offre « ${title} ».`,
            'Modifiez-la en tenant compte du motif ci-dessous, puis soumettez-la à nouveau.',
          ],
          quote: reason ? { label: 'Motif de la modération :', text: reason } : null,
        };
        break;
      case 'expired':
        recipients = await recruiters();
        draft = {
          headline: 'Votre offre a expiré',
          paragraphs: [
            `L’offre « ${title} » est arrivée à échéance : elle n’est plus en ligne et ne reçoit plus de candidatures.`,
            'Les candidatures déjà reçues restent consultables. Pour la republier, dupliquez-la et soumettez la copie.',
          ],
        };
        break;
      case 'archive':
        // A recruiter who archives knows it; the company is told when the platform did it.
        if (notice.actor?.role !== 'ADMIN') break;
        recipients = await recruiters();
        draft = {
          headline: 'Votre offre a été archivée',
          paragraphs: [`L’équipe de la plateforme a archivé l’offre « ${title} » : elle n’est plus en ligne.`],
          quote: reason ? { label: 'Motif :', text: reason } : null,
        };
        break;
      case 'created':
        break;
    }
    if (!draft || recipients.length === 0) return;

    const link = `${config.PUBLIC_URL}${offerLink(offer.id)}`;
    const subject = `${draft.headline} — « ${title} » (${companyName})`;
    const messages: Notice[] = recipients.map((person) => {
      const key = noticeKeyOf(notice.workflowId, notice.seq, person.id);
      const blocks: MailBlock[] = [
        { kind: 'paragraph', text: `Bonjour ${person.firstName},` },
        ...draft.paragraphs.map((text): MailBlock => ({ kind: 'paragraph', text })),
        ...(draft.facts?.length ? [{ kind: 'facts' as const, items: draft.facts }] : []),
        ...(draft.quote ? [{ kind: 'quote' as const, ...draft.quote }] : []),
        { kind: 'link', label: 'Voir l’offre sur Tremplin', href: link },
        { kind: 'paragraph', text: 'L’équipe Tremplin' },
      ];
      const { text, html } = renderMail(blocks);
      return {
        mail: { key, to: person.email, subject, text, html, workflowId: notice.workflowId },
        notification: {
          id: randomUUID(),
          userId: person.id,
          idempotencyKey: key,
          kind: `offer.${notice.event}`,
          title: draft.headline,
          body: [draft.paragraphs[0], draft.quote ? `${draft.quote.label} « ${draft.quote.text} »` : null].filter(Boolean).join('\n'),
          link: offerLink(offer.id),
          entityType: 'offer',
          entityId: offer.id,
        },
      };
    });
    await sendNotices(messages, `offre ${notice.event} (seq ${notice.seq})`);
    logger.debug({ workflowId: notice.workflowId, seq: notice.seq, event: notice.event, recipients: messages.length }, 'offer event told');
  }

  return { notifyOfferEvent };
}
