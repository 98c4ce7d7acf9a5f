// The public showcase: published offers, searched exactly as signed-in people search them (the offer
// service's own query, migration 0014's forms of words), each answer cut down to what an ad shows.
import type { z } from 'zod';
import type { offerService } from '../offers/service.js';
import { notFound } from '../errors.js';
import type { publicOfferList, publicOfferView, publicOffersQuery } from './schemas.js';

type Offers = ReturnType<typeof offerService>;
type ListItem = Awaited<ReturnType<Offers['listPublished']>>['items'][number];

/** Field by field, so that a field added to the signed-in answers never reaches the public by itself. */
function publicItem(item: ListItem): z.output<typeof publicOfferList>['items'][number] {
  return {
    id: item.id,
    publishedAt: item.publishedAt,
    expiresAt: item.expiresAt,
    title: item.title,
    contractType: item.contractType,
    contractDurationMonths: item.contractDurationMonths,
    postalCode: item.postalCode,
    city: item.city,
    departments: item.departments,
    jobFamily: item.jobFamily,
    job: item.job,
    salaryMin: item.salaryMin,
    salaryMax: item.salaryMax,
    remote: item.remote,
    anonymous: item.anonymous,
    company: { id: item.company.id, name: item.company.name, pagePublished: item.company.pagePublished },
    summary: item.summary,
  };
}

export function publicService({ offers }: { offers: Offers }) {
  return {
    async listOffers(query: z.output<typeof publicOffersQuery>): Promise<z.output<typeof publicOfferList>> {
      const page = await offers.listPublished(null, query);
      return { ...page, items: page.items.map(publicItem) };
    },

    /** 404 alike for an unknown offer and for one not (or no longer) published. */
    async getOffer(id: string): Promise<z.output<typeof publicOfferView>> {
      const offer = await offers.findPublished(id);
      if (!offer) throw notFound('Offre');
      return {
        id: offer.id,
        publishedAt: offer.publishedAt,
        expiresAt: offer.expiresAt,
        title: offer.title,
        contractType: offer.contractType,
        contractDurationMonths: offer.contractDurationMonths,
        experience: offer.experience,
        education: offer.education,
        postalCode: offer.postalCode,
        city: offer.city,
        departments: offer.departments,
        jobFamily: offer.jobFamily,
        job: offer.job,
        description: offer.description,
        salaryMin: offer.salaryMin,
        salaryMax: offer.salaryMax,
        remote: offer.remote,
        startDate: offer.startDate,
        screeningQuestion: offer.screeningQuestion,
        anonymous: offer.anonymous,
        company: { id: offer.company.id, name: offer.company.name, pagePublished: offer.company.pagePublished },
      };
    },
  };
}
