// When the public may read a company's page: the company verified AND its page published. One SQL
// condition, used by the company pages (api/company-page/service.ts) and by the offers that link them
// (api/offers/service.ts), so that the rule is written once.

/** The condition on the `companies` row named `alias` (none: its bare columns). */
export const companyPageIsPublic = (alias?: string) => {
  const c = alias ? `${alias}.` : '';
  return `(${c}status = 'VERIFIED' AND ${c}page_published)`;
};
