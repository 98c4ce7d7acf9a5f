// The short list of seed 002 (issue #19, item 3): per offer, the five counters of « Mes offres » — each a
// pictogram with its words, and a link to exactly the list it counts — and that list, the oldest
// application first, with what the company reads first (date, availability, the answer to its question)
// and the star. The stages are workflows/shortlist.ts's, the candidate's name the API's (a pseudonym until
// the lift of anonymity).
import { SHORTLIST_STAGES, SHORTLIST_STAGE_LABEL, availabilityLabel, type ShortlistStage } from '../../../workflows/shortlist.js';
import { api, type ApplicationListItem } from '../api.js';
import { StatusBadge, personName } from '../applications.js';
import { localDay } from '../calendar.js';
import { Inaccessible, isMissing } from '../not-found.js';
import { withQuery, type Location } from '../router.js';
import { FavouriteButton, Pictogram } from '../favourite.js';
import { DateTime, Empty, Loaded, Page, Pager, useResource } from '../ui.js';

export const shortlistHref = (offerId: string, stage?: ShortlistStage) => `/recruteur/offres/${offerId}/candidatures${stage ? `?etape=${stage}` : ''}`;

const isStage = (value: string | null): value is ShortlistStage => SHORTLIST_STAGES.includes(value as ShortlistStage);

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
