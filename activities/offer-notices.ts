// Who is told about an event of an offer: every admin when it waits for moderation (submitted, or edited once published); the company's
// recruiters when it is approved, rejected (with the reason), expired, or archived by an admin. What
// they read is in offer-copy.ts, how it is sent in notices.ts.
import { ApplicationFailure } from '@temporalio/common';
import { Company, Offer } from '../models/index.js';
import type { OfferEventType, OfferNotice } from '../workflows/offer-rules.js';
import type { ActivityDeps } from './deps.js';
import { createNotifier, type RoutingTable } from './notices.js';
import { OFFER_COPY, OFFER_PAGE_LABEL, offerTopic } from './offer-copy.js';
import { activeAdmins, activeRecruiters, actorNameOf, loadPeople } from './people.js';

export type OfferAudience = 'admin' | 'recruiter';

export interface OfferContext {
  notice: OfferNotice;
  offer: Offer;
  companyName: string;
  actorName: string | null;
}

const CONDITIONS = {
  archivedByPlatform: (ctx: OfferContext) => ctx.notice.actor?.role === 'ADMIN',
};

export const OFFER_ROUTES: RoutingTable<OfferEventType, OfferAudience, keyof typeof CONDITIONS> = {
  created: [],
  submit: [{ to: 'admin' }],
  // A published offer edited waits for moderation again.
  edit: [{ to: 'admin' }],
  approve: [{ to: 'recruiter' }],
  reject: [{ to: 'recruiter' }],
  expired: [{ to: 'recruiter' }],
  // A recruiter who archives knows it; the company is told when the platform did it.
  archive: [{ to: 'recruiter', when: 'archivedByPlatform' }],
};

/** The web app's page of an offer. */
export const offerLink = (offerId: string) => `/offres/${offerId}`;

export function createOfferNotices(deps: ActivityDeps) {
  const notifyOfferEvent = createNotifier(
    deps,
    {
      noun: 'offre',
      entityType: 'offer',
      pageLabel: OFFER_PAGE_LABEL,
      routes: OFFER_ROUTES,
      conditions: CONDITIONS,
      audiences: { admin: () => activeAdmins(), recruiter: (ctx: OfferContext) => activeRecruiters(ctx.offer.companyId) },
      copy: OFFER_COPY,
    },
    async (notice: OfferNotice) => {
      const offer = await Offer.findByPk(notice.offerId);
      if (!offer) throw ApplicationFailure.nonRetryable(`Offre ${notice.offerId} introuvable`, 'NOT_FOUND');
      const [company, people] = await Promise.all([Company.findByPk(offer.companyId), loadPeople([notice.actor?.id])]);
      const ctx: OfferContext = { notice, offer, companyName: company?.name ?? 'l’entreprise', actorName: actorNameOf(people, notice.actor) };
      return { ctx, entityId: offer.id, page: offerLink(offer.id), topic: offerTopic(ctx) };
    },
  );
  return { notifyOfferEvent };
}
