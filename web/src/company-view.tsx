// A company page as the public reads it: banner, logo, description (HTML the API sanitized), advantages,
// links and published offers. The public page (/entreprises/:id) and the recruiter's « Aperçu » show the
// same component, so the preview is what the public will see.
import { de } from '../../workflows/glossary.js';
import type { PublicCompany } from './api.js';
import { SOCIAL_LABELS } from './company-links.js';

export type CompanyViewData = Omit<PublicCompany, 'id' | 'offers'> & { offers?: PublicCompany['offers'] };

/** `level`: the heading level of its sections (2 under the page's h1, 3 inside a dialog's h2). */
export function CompanyView({ company, level = 2, idPrefix = 'company' }: { company: CompanyViewData; level?: 2 | 3; idPrefix?: string }) {
  const H = level === 2 ? 'h2' : 'h3';
  const links = Object.entries(company.socialLinks).filter(([, url]) => url);
  const facts = [company.sector, company.size ? `${company.size} salariés` : null, [company.postalCode, company.city].filter(Boolean).join(' ') || null].filter(Boolean);
  return (
    <div class="company-view">
      {/* The banner is decoration: the page says who the company is in words. */}
      {company.banner && <img class="company-banner" src={company.banner.url} alt="" width={company.banner.width} height={company.banner.height} />}
      <div class="company-identity">
        {company.logo && <img class="company-logo" src={company.logo.url} alt={`Logo ${de(company.name)}`} width={128} height={128} />}
        <div>
          {facts.length > 0 && <p class="company-facts">{facts.join(' · ')}</p>}
          {company.spontaneousApplications ? (
            <p class="badge">Candidatures spontanées acceptées</p>
          ) : (
            <p class="muted">Pas de candidature spontanée pour le moment : postulez à ses offres.</p>
          )}
        </div>
      </div>
      <section aria-labelledby={`${idPrefix}-about`}>
        <H id={`${idPrefix}-about`}>Présentation</H>
        {company.description ? (
          // Sanitized by the API (allow-list: paragraphs, lists, emphasis, h3/h4, http(s) and mail links).
          <div class="rich-text" dangerouslySetInnerHTML={{ __html: company.description }} />
        ) : (
          <p class="muted">Cette entreprise n’a pas encore écrit sa présentation.</p>
        )}
      </section>
      {company.advantages.length > 0 && (
        <section aria-labelledby={`${idPrefix}-advantages`}>
          <H id={`${idPrefix}-advantages`}>Avantages</H>
          <ul class="advantages">
            {company.advantages.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </section>
      )}
      {(company.website || links.length > 0) && (
        <section aria-labelledby={`${idPrefix}-links`}>
          <H id={`${idPrefix}-links`}>Sur le web</H>
          <ul class="company-links">
            {company.website && (
              <li>
                <a href={company.website} rel="noopener nofollow">
                  Site web<span class="visually-hidden"> {de(company.name)}</span>
                </a>
              </li>
            )}
            {links.map(([network, url]) => (
              <li key={network}>
                <a href={url} rel="noopener nofollow">
                  {SOCIAL_LABELS[network] ?? network}
                  <span class="visually-hidden"> {de(company.name)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {company.offers && (
        <section aria-labelledby={`${idPrefix}-offers`}>
          <H id={`${idPrefix}-offers`}>Offres en ligne</H>
          {company.offers.length ? (
            <ul class="cards">
              {company.offers.map((o) => (
                <li key={o.id} class="card">
                  <p>
                    <a href={`/offres/${o.id}`}>{o.title}</a>
                  </p>
                  <p class="muted">
                    {o.contractType} · {o.city} ({o.postalCode})
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Aucune offre en ligne pour le moment.</p>
          )}
        </section>
      )}
    </div>
  );
}
