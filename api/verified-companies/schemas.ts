// Request and response shapes of the verified companies one may apply to or ask a sponsor of.
import { z } from 'zod';
import { listOf, page, pageSize, text } from '../schemas.js';

export const listVerifiedCompaniesQuery = z
  .object({
    q: text(200).optional(),
    page,
    pageSize,
  })
  .strict();

export const verifiedCompanyItem = z
  .object({
    id: z.uuid(),
    name: z.string(),
    city: z.string().nullable(),
    postalCode: z.string().nullable(),
    /** Its offers published now (a candidate may prefer one of them to a spontaneous application). */
    publishedOffers: z.number(),
  })
  .meta({ id: 'VerifiedCompany' });

export const verifiedCompanyList = listOf(verifiedCompanyItem, 'VerifiedCompanyList');
