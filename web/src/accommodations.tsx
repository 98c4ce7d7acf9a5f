// Accommodation needs for interviews (issue #16, item 6): the form the candidate fills in « Mes besoins
// pour les entretiens » (/candidat/amenagements) and their référent on the candidate's page, and the
// block the inviting company's recruiters read when they propose or hold an interview. A 404 for the
// recruiter (no consent, nothing said, too early or too late) reads « Aucun besoin indiqué »: the page
// never tells which.
import type { z } from 'zod';
import type { accommodationsView, sharedAccommodationsView } from '../../api/accommodations/schemas.js';
import { ACCOMMODATION_DETAILS_MAX, ACCOMMODATION_NEEDS, ACCOMMODATION_NEED_LABEL, type AccommodationNeed } from '../../workflows/accommodation-needs.js';
import { ApiError, request } from './api.js';
import { useForm } from './forms.js';
import { Loaded, Page, announce, formatDateTime, useResource } from './ui.js';

export type Accommodations = z.output<typeof accommodationsView>;
export type SharedAccommodations = z.output<typeof sharedAccommodationsView>;
export interface AccommodationsInput {
  needs: AccommodationNeed[];
  details: string | null;
  shareWithCompanies: boolean;
}

export const accommodationApi = {
  mine: () => request<Accommodations>('GET', '/me/accommodations'),
  saveMine: (body: AccommodationsInput) => request<Accommodations>('PUT', '/me/accommodations', body),
  ofFollowed: (id: string) => request<Accommodations>('GET', `/referent/candidates/${id}/accommodations`),
  saveFollowed: (id: string, body: AccommodationsInput) => request<Accommodations>('PUT', `/referent/candidates/${id}/accommodations`, body),
  /** null: nothing to show (the API's 404, whatever its reason). */
  ofApplication: async (id: string) => {
    try {
      return await request<SharedAccommodations>('GET', `/applications/${id}/accommodations`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
};

const FIELDS = ['needs', 'details', 'shareWithCompanies'] as const;
/** `needs.3` (the fourth need refused) is said under the list. */
const NEED_ALIAS = Object.fromEntries(ACCOMMODATION_NEEDS.map((_, i) => [`needs.${i}`, 'needs']));

/** « Mes besoins pour les entretiens »: the candidate's own page. */
export function CandidateAccommodationsPage() {
  const resource = useResource(() => accommodationApi.mine(), []);
  return (
    <Page
      title="Mes besoins pour les entretiens"
      lead="Ce qui vous aide à passer un entretien dans de bonnes conditions. Rien n’est demandé quand vous postulez : vous choisissez ici ce que vous dites, et à qui."
    >
      <Loaded resource={resource} label="Chargement de vos besoins…">
        {(saved) => <AccommodationsForm saved={saved} self onSave={(body) => accommodationApi.saveMine(body)} onSaved={resource.set} />}
      </Loaded>
    </Page>
  );
}

/** The same on a followed candidate's page (their référent, that référent's mission officer). */
export function FollowedAccommodations({ candidateId, name }: { candidateId: string; name: string }) {
  const resource = useResource(() => accommodationApi.ofFollowed(candidateId), [candidateId]);
  return (
    <section aria-labelledby="amenagements-title" class="card" id="amenagements">
      <h2 id="amenagements-title">Besoins pour les entretiens</h2>
      <p class="hint">À remplir avec l’accord de {name}, qui les voit et les modifie depuis son espace.</p>
      <Loaded resource={resource} label="Chargement des besoins…">
        {(saved) => <AccommodationsForm saved={saved} onSave={(body) => accommodationApi.saveFollowed(candidateId, body)} onSaved={resource.set} />}
      </Loaded>
    </section>
  );
}

function AccommodationsForm({
  saved,
  self,
  onSave,
  onSaved,
}: {
  saved: Accommodations;
  self?: boolean;
  onSave: (body: AccommodationsInput) => Promise<Accommodations>;
  onSaved: (a: Accommodations) => void;
}) {
  const form = useForm({ id: 'accommodations', fields: FIELDS, alias: NEED_ALIAS });

  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const body: AccommodationsInput = {
      needs: data.getAll('needs').map(String) as AccommodationNeed[],
      details: String(data.get('details') ?? ''),
      shareWithCompanies: data.get('shareWithCompanies') === 'on',
    };
    const next = await form.run(() => onSave(body));
    if (!next) return;
    onSaved(next);
    const shared = next.shareWithCompanies
      ? ' Ils seront communiqués aux entreprises qui proposent un entretien.'
      : ' Ils ne sont communiqués à aucune entreprise.';
    announce(`Besoins enregistrés.${next.needs.length || next.details ? shared : ''}`);
  }

  const you = self ? 'vous' : 'la personne';
  return (
    <form onSubmit={submit} noValidate ref={form.ref} class={self ? 'card' : undefined}>
      <fieldset aria-describedby="accommodations-needs-error">
        <legend>{self ? 'Mes besoins d’aménagement' : 'Ses besoins d’aménagement'}</legend>
        {ACCOMMODATION_NEEDS.map((need) => (
          <label key={need} class="choice" for={`need-${need}`}>
            <input
              id={`need-${need}`}
              type="checkbox"
              name="needs"
              value={need}
              defaultChecked={saved.needs.includes(need)}
              aria-invalid={form.control('needs')['aria-invalid']}
            />
            {ACCOMMODATION_NEED_LABEL[need]}
          </label>
        ))}
        {form.message('needs')}
      </fieldset>
      <div class="field">
        <label for="accommodations-details">Précisions (facultatif, obligatoire pour « Autre besoin »)</label>
        <textarea
          id="accommodations-details"
          name="details"
          rows={4}
          maxLength={ACCOMMODATION_DETAILS_MAX}
          defaultValue={saved.details ?? ''}
          {...form.control('details', 'accommodations-details-hint')}
        />
        <p class="hint" id="accommodations-details-hint">
          {ACCOMMODATION_DETAILS_MAX.toLocaleString('fr-FR')} caractères au plus. Dites ce qui aide, pas de diagnostic : ces lignes ne servent qu’à préparer l’entretien.
        </p>
        {form.message('details')}
      </div>
      <div class="field">
        <label class="choice" for="accommodations-share">
          <input
            id="accommodations-share"
            type="checkbox"
            name="shareWithCompanies"
            defaultChecked={saved.shareWithCompanies}
            {...form.control('shareWithCompanies', 'accommodations-share-hint')}
          />
          {self ? 'J’accepte que ces besoins soient communiqués aux entreprises qui me proposent un entretien' : 'La personne accepte que ces besoins soient communiqués aux entreprises qui lui proposent un entretien'}
        </label>
        <p class="hint" id="accommodations-share-hint">
          {saved.sharedConsentAt ? `Accord donné le ${formatDateTime(saved.sharedConsentAt)}. ` : ''}
          Seuls les recruteurs de l’entreprise qui {self ? 'vous' : 'lui'} propose un entretien les voient, dans l’invitation, le rappel et la candidature, de l’acceptation de la
          candidature jusqu’à l’entretien. Aucune autre entreprise, ni au moment de postuler. Sans cet accord, ils restent entre {you} et {self ? 'votre référent' : 'son référent'}.
          Décochez et enregistrez pour le retirer : il l’est aussitôt.
        </p>
        {form.message('shareWithCompanies')}
      </div>
      {form.summary()}
      {saved.updatedAt && (
        <p class="muted">
          Enregistrés le {formatDateTime(saved.updatedAt)}
          {saved.updatedBy ? ` par ${saved.updatedBy.firstName} ${saved.updatedBy.lastName}` : ''}.
        </p>
      )}
      <button {...form.submit}>{form.busy ? 'Enregistrement…' : 'Enregistrer les besoins'}</button>
    </form>
  );
}

/** The company's view: « Besoins d’aménagement indiqués par la candidate / le candidat », or none. */
export function SharedAccommodationsBlock({ applicationId, headingLevel = 3 }: { applicationId: string; headingLevel?: 2 | 3 }) {
  const resource = useResource(() => accommodationApi.ofApplication(applicationId), [applicationId]);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="accommodations" aria-labelledby={`accommodations-${applicationId}`}>
      <Heading id={`accommodations-${applicationId}`}>Besoins d’aménagement indiqués par la candidate / le candidat</Heading>
      <Loaded resource={resource} label="Chargement des besoins d’aménagement…">
        {(shared) =>
          shared && (shared.needs.length || shared.details) ? (
            <>
              {shared.needs.length > 0 && (
                <ul>
                  {shared.needs.map((need) => (
                    <li key={need.code}>{need.label}</li>
                  ))}
                </ul>
              )}
              {shared.details && <blockquote>{shared.details}</blockquote>}
              <p class="hint">Confiés pour préparer l’entretien : ne les transmettez qu’aux personnes qui le mènent.</p>
            </>
          ) : (
            <p>Aucun besoin indiqué.</p>
          )
        }
      </Loaded>
    </section>
  );
}
