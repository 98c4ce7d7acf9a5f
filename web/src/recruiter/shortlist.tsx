// The short list of seed 002 (issue #19, item 3): per offer, the five counters of « Mes offres » — each a
// pictogram with its words, and a link to exactly the list it counts — and that list, the oldest
// application first, with what the company reads first (date, availability, the answer to its question)
// and the star. The stages are workflows/shortlist.ts's, the candidate's name the API's (a pseudonym until
// the lift of anonymity).
import { useState } from 'preact/hooks';
import { SHORTLIST_STAGES, SHORTLIST_STAGE_LABEL, availabilityLabel, type ShortlistStage } from '../../../workflows/shortlist.js';
import { api, type ApplicationListItem } from '../api.js';
import { StatusBadge, personName } from '../applications.js';
import { localDay } from '../calendar.js';
import { Inaccessible, isMissing } from '../not-found.js';
import { withQuery, type Location } from '../router.js';
import { DateTime, Empty, ErrorNote, Loaded, Page, Pager, announce, useAction, useResource } from '../ui.js';

export const shortlistHref = (offerId: string, stage?: ShortlistStage) => `/recruteur/offres/${offerId}/candidatures${stage ? `?etape=${stage}` : ''}`;

const isStage = (value: string | null): value is ShortlistStage => SHORTLIST_STAGES.includes(value as ShortlistStage);

/**
 * Seed 002's pictograms — hourglass, envelope, a tick for « contactée », star, crossed circle — drawn
 * (a font may lack the characters), decorative: the words beside them say it all.
 */
const STAR = 'M8 1.2l2 4.6 5 .4-3.8 3.3 1.2 4.9L8 11.8l-4.4 2.6 1.2-4.9L1 6.2l5-.4z';
const SHAPES: Record<ShortlistStage | 'star', string> = {
  pending: 'M3 1h10v3L9.5 8 13 12v3H3v-3l3.5-4L3 4z',
  toContact: 'M1.5 3.5h13v9h-13z M1.5 3.5 8 9l6.5-5.5',
  contacted: 'M2 8.5l4 4L14 3.5',
  favourite: STAR,
  star: STAR,
  refused: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 1 0 0-13z M5 5l6 6M11 5l-6 6',
};
const FILLED = new Set(['pending', 'favourite']);

export function Pictogram({ shape, filled = FILLED.has(shape) }: { shape: keyof typeof SHAPES; filled?: boolean }) {
  return (
    <svg class="pictogram" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={SHAPES[shape]} fill={filled ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round" />
    </svg>
  );
}

/** « 3 en attente » beside its pictogram, read « 3 candidatures en attente »: the pictogram is never alone. */
function StageCount({ stage, count }: { stage: ShortlistStage; count: number }) {
  const label = SHORTLIST_STAGE_LABEL[stage];
  return (
    <>
      <Pictogram shape={stage} />
      <span class="count">{count}</span> <span class="visually-hidden">{count > 1 ? 'candidatures' : 'candidature'} </span>
      {count > 1 ? label.many : label.one}
    </>
  );
}

/** The offer's five counters in « Mes offres », each a link to the list it counts. */
export function ShortlistCounters({ offerId, counts }: { offerId: string; counts: Record<ShortlistStage, number> }) {
  return (
    <ul class="shortlist-counters">
      {SHORTLIST_STAGES.map((stage) => (
        <li key={stage}>
          <a href={shortlistHref(offerId, stage)}>
            <StageCount stage={stage} count={counts[stage]} />
          </a>
        </li>
      ))}
    </ul>
  );
}

export function OfferShortlistPage({ offerId, location }: { offerId: string; location: Location }) {
  const asked = location.query.get('etape');
  const stage = isStage(asked) ? asked : undefined;
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const offer = useResource(() => api.offer(offerId), [offerId]);
  const list = useResource(() => api.applications({ offerId, stage, sort: 'applied', page, pageSize: 20 }), [offerId, stage, page]);
  if (isMissing(offer.error) && !offer.data) return <Inaccessible what="Offre" back={{ href: '/recruteur/offres', label: 'Mes offres' }} />;
  const title = stage ? SHORTLIST_STAGE_LABEL[stage].list : 'Toutes les candidatures';
  return (
    <Page title={`${title} — ${offer.data?.title ?? 'offre'}`} lead="Les candidatures de cette offre, de la plus ancienne à la plus récente.">
      <p class="back">
        <a href="/recruteur/offres">← Mes offres</a>
      </p>
      <nav aria-label="Étapes de la short list" class="tabs shortlist-tabs">
        <a href={shortlistHref(offerId)} aria-current={stage ? undefined : 'page'}>
          Toutes
        </a>
        {SHORTLIST_STAGES.map((s) => (
          <a key={s} href={shortlistHref(offerId, s)} aria-current={stage === s ? 'page' : undefined}>
            <Pictogram shape={s} />
            {SHORTLIST_STAGE_LABEL[s].list}
          </a>
        ))}
      </nav>
      <Loaded resource={list} label="Chargement des candidatures…">
        {(data) =>
          data.items.length ? (
            <>
              <p class="muted" aria-live="polite">
                {data.total} candidature{data.total > 1 ? 's' : ''}
              </p>
              <ol class="shortlist">
                {data.items.map((item) => (
                  <ShortlistItem key={item.id} item={item} />
                ))}
              </ol>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>Aucune candidature à cette étape.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

function ShortlistItem({ item }: { item: ApplicationListItem }) {
  const name = personName(item.candidate);
  return (
    <li class="card shortlist-item">
      <h2>
        <a href={`/recruteur/candidatures/${item.id}`}>{name}</a>
      </h2>
      <dl>
        <div>
          <dt>Candidature du</dt>
          <dd>
            <DateTime iso={item.createdAt} date />
          </dd>
        </div>
        <div>
          <dt>Disponibilité</dt>
          <dd>{availabilityLabel(item.availability, localDay(new Date()))}</dd>
        </div>
        <div>
          <dt>Statut</dt>
          <dd>
            <StatusBadge status={item.status} interviewStatus={item.interviewStatus} otherSlotRequested={item.otherSlotRequested} />
          </dd>
        </div>
        <div class="answer">
          <dt>Réponse à votre question</dt>
          <dd>{item.screeningAnswer ?? 'Pas de réponse (l’offre ne posait pas de question).'}</dd>
        </div>
      </dl>
      <FavouriteButton applicationId={item.id} name={name} initial={item.favourite === true} />
    </li>
  );
}

/** The star as a toggle: its state in aria-pressed, its words saying what a press does, the icon never alone. */
export function FavouriteButton({ applicationId, name, initial }: { applicationId: string; name: string; initial: boolean }) {
  const [on, setOn] = useState(initial);
  const action = useAction();
  async function toggle() {
    const answer = await action.run(() => api.favourite(applicationId, !on));
    if (!answer) return;
    setOn(answer.favourite);
    announce(answer.favourite ? `${name} : dans vos favoris.` : `${name} : retiré·e de vos favoris.`);
  }
  return (
    <div class="favourite">
      <button type="button" class="secondary star" aria-pressed={on ? 'true' : 'false'} aria-busy={action.busy ? 'true' : undefined} onClick={toggle}>
        <Pictogram shape="star" filled={on} />
        {on ? 'Retirer des favoris' : 'Ajouter aux favoris'}
        <span class="visually-hidden"> : {name}</span>
      </button>
      <ErrorNote error={action.error} />
    </div>
  );
}
