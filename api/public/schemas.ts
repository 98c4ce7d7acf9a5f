// Shapes of the public showcase (no sign-in): the same filters as GET /api/offers, and answers holding
// only what an ad shows — no status, history, moderation, warnings, workflow or author.
import { z } from 'zod';
import { listOf } from '../schemas.js';
import { listOffersQuery, offerView } from '../offers/schemas.js';

export const publicOffersQuery = listOffersQuery;

const publicCompany = z
  .object({ id: z.uuid(), name: z.string(), pagePublished: z.boolean().meta({ description: 'Sa page est publique : /entreprises/{id}' }) })
  .strict()
  .meta({ id: 'PublicOfferCompany' });

export const publicOfferListItem = offerView
  .pick({
    id: true,
    publishedAt: true,
    expiresAt: true,
    title: true,
    contractType: true,
    contractDurationMonths: true,
    postalCode: true,
    city: true,
    departments: true,
    jobFamily: true,
    job: true,
    salaryMin: true,
    salaryMax: true,
    remote: true,
    anonymous: true,
  })
  .extend({ company: publicCompany, summary: z.string().meta({ description: 'Début de la description' }) })
  .strict()
  .meta({ id: 'PublicOfferListItem' });

export const publicOfferList = listOf(publicOfferListItem, 'PublicOfferList');

export const publicOfferView = offerView
  .pick({
    id: true,
    publishedAt: true,
    expiresAt: true,
    title: true,
    contractType: true,
    contractDurationMonths: true,
    experience: true,
    education: true,
    postalCode: true,
    city: true,
    departments: true,
    jobFamily: true,
    job: true,
    description: true,
    salaryMin: true,
    salaryMax: true,
    remote: true,
    startDate: true,
    screeningQuestion: true,
    anonymous: true,
  })
  .extend({ company: publicCompany })
  .strict()
  .meta({ id: 'PublicOffer' });
