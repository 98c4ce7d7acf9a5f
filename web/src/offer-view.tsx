// An offer as candidates, recruiters and the public read it (the fields every one of them may see).
import type { PublicOffer } from './api.js';
import { DateTime } from './ui.js';

export const CONTRACT_LABEL: Record<string, string> = { CDI: 'CDI', CDD: 'CDD', INTERIM: 'Intérim', ALTERNANCE: 'Alternance', STAGE: 'Stage' };
export const REMOTE_LABEL: Record<string, string> = { NONE: 'Pas de télétravail', PARTIAL: 'Télétravail partiel', FULL: 'Télétravail complet' };

export function OfferDetails({ offer: o }: { offer: PublicOffer }) {
  const salary =
    o.salaryMin != null || o.salaryMax != null
      ? [o.salaryMin, o.salaryMax].filter((v) => v != null).map((v) => `${v!.toLocaleString('fr-FR')} €`).join(' à ') + ' brut par an'
      : null;
  return (
    <section class="card" aria-labelledby="offer-details-title">
      <h2 id="offer-details-title">L’offre</h2>
      <dl class="facts">
        <dt>Entreprise</dt>
        <dd>{o.company.name}</dd>
        <dt>Contrat</dt>
        <dd>
          {CONTRACT_LABEL[o.contractType]}
          {o.contractDurationMonths ? `, ${o.contractDurationMonths} mois` : ''}
        </dd>
        <dt>Lieu</dt>
        <dd>
          {o.city} ({o.postalCode}){o.departments.length ? ` — départements ${o.departments.join(', ')}` : ''}
        </dd>
        <dt>Télétravail</dt>
        <dd>{REMOTE_LABEL[o.remote]}</dd>
        {o.experience && (
          <>
            <dt>Expérience</dt>
            <dd>{o.experience}</dd>
          </>
        )}
        {o.education && (
          <>
            <dt>Niveau d’études</dt>
            <dd>{o.education}</dd>
          </>
        )}
        {(o.jobFamily || o.job) && (
          <>
            <dt>Métier</dt>
            <dd>{[o.jobFamily, o.job].filter(Boolean).join(' — ')}</dd>
          </>
        )}
        {salary && (
          <>
            <dt>Salaire</dt>
            <dd>{salary}</dd>
          </>
        )}
        {o.startDate && (
          <>
            <dt>Prise de poste</dt>
            <dd>
              <DateTime iso={o.startDate} date />
            </dd>
          </>
        )}
        {o.publishedAt && (
          <>
            <dt>Publiée le</dt>
            <dd>
              <DateTime iso={o.publishedAt} date />
            </dd>
          </>
        )}
      </dl>
      <h3>Description du poste</h3>
      <div class="text">{o.description}</div>
      {o.screeningQuestion && (
        <>
          <h3>Question aux candidats</h3>
          <p>{o.screeningQuestion}</p>
        </>
      )}
    </section>
  );
}

