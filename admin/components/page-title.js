// The tab's title of every page of the back office says what the page is, most specific first:
// « Refuser l’offre — Magasinier H/F — Offres — Tremplin back-office ». One suffix for every page
// (the error pages, written on the server, end the same way: admin/requests.ts).
export const TITLE_SUFFIX = 'Tremplin back-office';

export function setPageTitle(parts) {
  document.title = [...parts.filter(Boolean), TITLE_SUFFIX].join(' — ');
}
