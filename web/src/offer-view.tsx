// An offer as candidates, recruiters and the public read it (the fields every one of them may see); what an
// edit of the published offer changed, as its company and the moderators read it.
import { Fragment } from 'preact';
import type { Offer, PublicOffer } from './api.js';
import { idealCandidateLines, idealCandidateText } from '../../workflows/offer-ideal-candidate.js';
import { DateTime } from './ui.js';

export const CONTRACT_LABEL: Record<string, string> = { CDI: 'CDI', CDD: 'CDD', INTERIM: 'Intérim', ALTERNANCE: 'Alternance', STAGE: 'Stage' };
export const REMOTE_LABEL: Record<string, string> = { NONE: 'Pas de télétravail', PARTIAL: 'Télétravail partiel', FULL: 'Télétravail complet' };

/** Seed 002: the words an anonymous offer is shown with, to candidates, the public and its company. */
export const ANONYMOUS_OFFER = 'Candidature anonyme';
export const ANONYMOUS_OFFER_HINT =
  'l’entreprise lit votre réponse à sa question et votre parcours sans votre nom ni vos coordonnées ; elle ne les découvre que si elle décide de vous contacter, et vous en êtes informé·e.';

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
        <dd>
          {o.company.name}
          {/* Its page, when the public may read it (the API's flag: company verified, page published). */}
          {o.company.pagePublished && (
            <>
              {' — '}
              <a href={`/entreprises/${o.company.id}`}>Voir la page de l’entreprise</a>
            </>
          )}
        </dd>
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
        {o.anonymous && (
          <>
            <dt>Candidature</dt>
            <dd>
              <strong>{ANONYMOUS_OFFER}</strong> : {ANONYMOUS_OFFER_HINT}
            </dd>
          </>
        )}
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


/** A field's value as the moderator compares it: labels for codes, lists joined, « (vide) » for nothing. */
function shown(field: string, value: unknown): string {
  if (value == null || value === '' || (Array.isArray(value) && !value.length)) return '(vide)';
  if (field === 'contractType') return CONTRACT_LABEL[String(value)] ?? String(value);
  if (field === 'remote') return REMOTE_LABEL[String(value)] ?? String(value);
  if (field === 'startDate') return String(value).split('-').reverse().join('/');
  if (field === 'anonymous') return value ? 'Oui' : 'Non';
  if (field === 'idealCandidate') return idealCandidateText(value) || '(vide)';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return value.toLocaleString('fr-FR');
  return String(value);
}

/**
 * The last edit of a published offer not yet published again (`lastEdit`): each changed field, before
 * and now (a long text's former value is cut). Shown to the company and to the moderators.
 */
export function OfferChanges({ offer: o }: { offer: Offer }) {
  if (!o.lastEdit?.changes.length) return null;
  return (
    <section class="card offer-changes" aria-labelledby="offer-changes-title">
      <h2 id="offer-changes-title">Modifications depuis la publication</h2>
      <p class="muted">
        Envoyées à la modération le <DateTime iso={o.lastEdit.at} /> ; l’offre garde sa date de fin{o.expiresAt ? <> (<DateTime iso={o.expiresAt} date />)</> : null}.
      </p>
      <ul>
        {o.lastEdit.changes.map((c) => (
          <li key={c.field}>
            <h3>{c.label}</h3>
            <dl class="facts">
              <dt>Avant</dt>
              <dd class="text">{shown(c.field, c.before)}</dd>
              <dt>Maintenant</dt>
              <dd class="text">{shown(c.field, c.after)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * « Profil recherché », as the offer's company, the moderators and candidates read it: one line per
 * criterion asked, « indispensable » said in words (not by colour alone).
 */
export function IdealCandidateDetails({ offer: o, hideWhenEmpty = false }: { offer: Offer; hideWhenEmpty?: boolean }) {
  const ideal = o.idealCandidate;
  const lines = idealCandidateLines(ideal, {
    metier: ideal.metierLabel,
    place: ideal.place?.commune ? `${ideal.place.commune.name}${ideal.place.commune.postalCodes[0] ? ` (${ideal.place.commune.postalCodes[0]})` : ''}` : null,
    contractType: CONTRACT_LABEL[o.contractType],
    remote: REMOTE_LABEL[o.remote],
  });
  if (hideWhenEmpty && !lines.length) return null;
  return (
    <section class="card" aria-labelledby="offer-ideal-title">
      <h2 id="offer-ideal-title">Profil recherché</h2>
      {lines.length ? (
        <dl class="facts ideal-candidate">
          {lines.map((l) => (
            <Fragment key={l.criterion}>
              <dt>{l.label}</dt>
              <dd>
                {l.value}
                {l.indispensable && (
                  <>
                    {' — '}
                    <strong class="indispensable">indispensable</strong>
                  </>
                )}
              </dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        <p class="muted">Aucun critère précisé.</p>
      )}
    </section>
  );
}
