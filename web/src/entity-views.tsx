// An offer and a sponsorship request as someone who follows them without running them reads them:
// a référent or chargé de mission (their candidates' requests, the offers they are told of) and an
// admin opening a mail's link. Unknown or not theirs: « introuvable ou pas accessible », with a way back.
import type { ComponentChildren } from 'preact';
import { offerRules } from '../../workflows/offer-rules.js';
import { de } from '../../workflows/glossary.js';
import { api, type Sponsorship } from './api.js';
import { personName } from './applications.js';
import { Inaccessible, isMissing } from './not-found.js';
import { IdealCandidateDetails, OfferChanges, OfferDetails } from './offer-view.js';
import { SponsorshipBadge, SponsorshipDetail } from './sponsorship-view.js';
import { Loaded, Page, capitalize, useResource } from './ui.js';

type Back = { href: string; label: string };

const defaultHeading = (s: Sponsorship) => ({ title: `Demande de parrainage ${de(personName(s.candidate))}`, lead: s.company.name });

export function OfferReadPage({ id, back, more }: { id: string; back: Back; more?: ComponentChildren }) {
  const offer = useResource(() => api.offer(id), [id]);
  if (isMissing(offer.error) && !offer.data) return <Inaccessible what="Offre" back={back} />;
  const o = offer.data;
  return (
    <Page title={o ? o.title : 'Offre'} lead={o ? `${o.company.name} — ${o.city}` : undefined}>
      <p class="back">
        <a href={back.href}>← {back.label}</a>
      </p>
      <Loaded resource={offer} label="Chargement de l’offre…">
        {(o) => (
          <>
            <p>
              Statut : <strong>{capitalize(offerRules.statusLabel[o.status])}</strong>
            </p>
            {more}
            <OfferChanges offer={o} />
            {o.warnings.length > 0 && (
              <section class="card" aria-labelledby="offer-warnings-title">
                <h2 id="offer-warnings-title">Points à vérifier (vérification automatique)</h2>
                <ul>
                  {o.warnings.map((w, i) => (
                    <li key={i}>
                      {w.message} (« {w.excerpt} »)
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <OfferDetails offer={o} />
            <IdealCandidateDetails offer={o} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** `heading`: the page's title once loaded (default: whose request it is, the company below it). */
export function SponsorshipReadPage({ id, back, more, heading }: { id: string; back: Back; more?: ComponentChildren; heading?: (s: Sponsorship) => { title: string; lead?: string } }) {
  const resource = useResource(() => api.sponsorship(id), [id]);
  if (isMissing(resource.error) && !resource.data) return <Inaccessible what="Demande de parrainage" back={back} />;
  const s = resource.data;
  return (
    <Page {...(s ? (heading ?? defaultHeading)(s) : { title: 'Demande de parrainage' })}>
      <p class="back">
        <a href={back.href}>← {back.label}</a>
      </p>
      <Loaded resource={resource} label="Chargement de la demande…">
        {(s) => (
          <section class="card" aria-labelledby="sp-title">
            <h2 id="sp-title">
              <SponsorshipBadge status={s.status} />
            </h2>
            {more}
            <SponsorshipDetail sponsorship={s} />
          </section>
        )}
      </Loaded>
    </Page>
  );
}
