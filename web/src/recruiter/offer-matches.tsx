// « Candidats compatibles » of an offer (issue #18, items 3 and 5; seed 004's method 1, seed 002's
// invitation): the consenting profiles that meet the offer's ideal candidate, best first, each with its
// explanation; a threshold slider (50 % by default); and, for a published offer, « Inviter ces profils à
// candidater » — the profiles of the page shown, each invited once at most (the API counts the others).
// The threshold lives in the address (`?min=`), so a saved search's « Relancer » opens it; « Enregistrer
// la recherche » saves the offer and the threshold, with an alert of the new compatible profiles.
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { inviteAnswer } from '../../../api/offer-invitations/schemas.js';
import type { matchList } from '../../../api/matching/schemas.js';
import { MATCH_DEFAULT_MIN_SCORE } from '../../../workflows/matching.js';
import { api, request } from '../api.js';
import { MatchResults } from '../matching.js';
import { navigate, withQuery, type Location } from '../router.js';
import { SaveSearchButton } from './cvtheque-lists.js';
import { Empty, ErrorNote, Loaded, Page, announce, useAction, useResource } from '../ui.js';

type MatchList = z.output<typeof matchList>;
type InviteAnswer = z.output<typeof inviteAnswer>;

const PAGE_SIZE = 20;

/** The threshold of the address (`min`, 0 to 100), or the default one. */
function thresholdOf(location: Location): number {
  const min = Number(location.query.get('min') ?? NaN);
  return Number.isInteger(min) && min >= 0 && min <= 100 ? min : MATCH_DEFAULT_MIN_SCORE;
}

export function OfferMatchesPage({ offerId, location }: { offerId: string; location: Location }) {
  const offer = useResource(() => api.offer(offerId), [offerId]);
  const minScore = thresholdOf(location);
  const [page, setPage] = useState(1);
  const matches = useResource(() => request<MatchList>('GET', `/offers/${offerId}/matches?min=${minScore}&page=${page}&pageSize=${PAGE_SIZE}`), [offerId, minScore, page]);
  const invite = useAction();
  const [invited, setInvited] = useState<InviteAnswer | null>(null);

  async function inviteShown(ids: string[]) {
    const answer = await invite.run(() => request<InviteAnswer>('POST', `/offers/${offerId}/invitations`, { candidateIds: ids }));
    if (!answer) return;
    setInvited(answer);
    announce(inviteSentence(answer));
  }

  return (
    <Page title="Candidats compatibles" lead={offer.data?.title}>
      <p class="back">
        <a href={`/recruteur/offres/${offerId}`}>← L’offre</a>
      </p>
      <p>
        Les profils de la CVthèque qui répondent au profil recherché de l’offre, les critères indispensables d’abord. Pour les affiner, modifiez le profil
        recherché de l’offre.
      </p>
      <div class="field threshold">
        <label for="offer-matches-min">Score minimal</label>
        <input
          id="offer-matches-min"
          type="range"
          min={0}
          max={100}
          step={5}
          value={minScore}
          aria-valuetext={`${minScore} %`}
          onChange={(e) => {
            setPage(1);
            // The address keeps it (replaced: each step of the slider is not a page to go back to).
            navigate(withQuery(location, { min: (e.currentTarget as HTMLInputElement).value }), { replace: true, keepScroll: true });
          }}
        />
        <output for="offer-matches-min">{minScore} %</output>
      </div>
      <section aria-labelledby="offer-matches-title" class="matching-results">
        <h2 id="offer-matches-title">Profils compatibles</h2>
        <Loaded resource={matches} label="Recherche des profils compatibles…">
          {(list) => (
            <>
              <p role="status" class="result-count">
                {list.total === 0 ? 'Aucun profil' : `${list.total} profil${list.total > 1 ? 's' : ''}`} à {list.minScore} % au moins
              </p>
              <div class="actions">
                <SaveSearchButton search={{ kind: 'offer-matching', offerId, minScore: list.minScore }} />
              </div>
              {list.items.length ? (
                <>
                  {offer.data?.status === 'PUBLISHED' && (
                    <div class="actions">
                      <button type="button" onClick={() => void inviteShown(list.items.map((i) => i.candidateId))} aria-disabled={invite.busy ? 'true' : undefined}>
                        Inviter ces {list.items.length} profil{list.items.length > 1 ? 's' : ''} à candidater
                      </button>
                    </div>
                  )}
                  <ErrorNote error={invite.error} />
                  {invited && <p class="notice">{inviteSentence(invited)}</p>}
                  <MatchResults result={list} profileHref={(id) => `/recruteur/cvtheque/profils/${id}`} onPage={setPage} />
                </>
              ) : (
                <Empty>Aucun profil n’atteint ce score. Baissez le score minimal, ou allégez les critères indispensables de l’offre.</Empty>
              )}
            </>
          )}
        </Loaded>
      </section>
    </Page>
  );
}

function inviteSentence(a: InviteAnswer): string {
  const parts = [`${a.invited} invitation${a.invited > 1 ? 's' : ''} envoyée${a.invited > 1 ? 's' : ''} par lots`];
  if (a.alreadyInvited) parts.push(`${a.alreadyInvited} déjà invité${a.alreadyInvited > 1 ? 's' : ''}`);
  if (a.skipped) parts.push(`${a.skipped} non invité${a.skipped > 1 ? 's' : ''} (profil retiré de la CVthèque)`);
  return `${parts.join(', ')}.`;
}
