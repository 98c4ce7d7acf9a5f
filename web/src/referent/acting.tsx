// A référent acting for a candidate they follow: applying for them (to a published offer, or
// spontaneously to a company) and asking a company for a sponsor. The API takes `candidateId` from
// their référent only (a chargé de mission reads, never creates). An application a référent makes is
// created like the candidate's own: waiting for the référent's validation (the rules' first state for
// a followed candidate), so nothing reaches a recruiter before that second, deliberate look; the pages
// say so and lead to the application, where « Valider » is.
import { useState } from 'preact/hooks';
import { api, type FollowedCandidateDetail, type Me, type VerifiedCompany } from '../api.js';
import { personName } from '../applications.js';
import { draftKey, useDraft } from '../drafts.js';
import { fieldRefusal, useForm } from '../forms.js';
import { Inaccessible, isMissing } from '../not-found.js';
import { CompanyPicker, OfferPicker, usePresetCompany, type OfferChoice } from '../pickers.js';
import { sponsorshipMessageReaders } from '../readers.js';
import { navigate, withQuery, type Location } from '../router.js';
import { announce, DateTime, Dialog, DialogButtons, Empty, Loaded, Page, useResource } from '../ui.js';
import { de } from '../../../workflows/glossary.js';

const back = (id: string, c: FollowedCandidateDetail | undefined) => (
  <p class="back">
    <a href={`/referent/candidats/${id}`}>← {c ? personName(c) : 'Le candidat'}</a>
  </p>
);

type Kind = 'offer' | 'company';

/**
 * `?offre=<id>`: the offer chosen beforehand (from its page); `?type=spontanee`: a spontaneous application,
 * `&entreprise=<id>` to the company chosen beforehand (from its public page).
 */
export function ApplyForCandidatePage({ candidateId, me, location }: { candidateId: string; me: Me; location: Location }) {
  const candidate = useResource(() => api.followedCandidate(candidateId), [candidateId]);
  const preset = location.query.get('offre');
  const presetOffer = useResource(() => (preset ? api.offer(preset) : Promise.resolve(null)), [preset]);
  const kind: Kind = location.query.get('type') === 'spontanee' ? 'company' : 'offer';
  const draft = useDraft(draftKey(me.id, 'apply-for', candidateId));
  const { busy, run, ...form } = useForm({ id: 'for', fields: ['offerId', 'companyId', 'message', 'screeningAnswer', 'cvDocumentId'] });
  const [offer, setOffer] = useState<OfferChoice | null>(null);
  const [picked, setCompany] = useState<VerifiedCompany | null>(null);
  const presetCompany = usePresetCompany(location.query.get('entreprise'));
  const company = picked ?? presetCompany;
  // The chosen offer in full: its question to candidates.
  const offerId = offer?.id ?? presetOffer.data?.id;
  const fullOffer = useResource(() => (offerId ? api.offer(offerId) : Promise.resolve(null)), [offerId]);

  if (isMissing(candidate.error) && !candidate.data) return <Inaccessible what="Candidat" back={{ href: '/referent/candidats', label: 'Mes candidats' }} />;
  const c = candidate.data;
  const name = c ? personName(c) : 'la personne';

  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(data.get(k) ?? '').trim();
    const common = { candidateId, message: value('message') || undefined, cvDocumentId: value('cv') || undefined };
    const created = await run(() => {
      if (kind === 'company') {
        if (!company) return Promise.reject(fieldRefusal('companyId', 'Choisissez l’entreprise à qui envoyer la candidature.'));
        return api.apply({ ...common, companyId: company.id });
      }
      if (!offerId) return Promise.reject(fieldRefusal('offerId', 'Choisissez l’offre à laquelle postuler.'));
      return api.apply({ ...common, offerId, screeningAnswer: value('screeningAnswer') || undefined });
    });
    if (created) {
      draft.clear();
      announce(
        created.status === 'PENDING_REFERENT_VALIDATION'
          ? `Candidature déposée pour ${name}. Elle attend maintenant votre validation : relisez-la puis validez-la pour la transmettre à l’entreprise.`
          : `Candidature déposée pour ${name} et transmise à l’entreprise.`,
        true,
      );
      navigate(`/referent/candidatures/${created.id}`);
    }
  }

  const cvs = c?.documents.filter((d) => d.kind === 'CV') ?? [];
  // The CV of the draft while it is still there, else the newest one (the list comes newest first), else none.
  const chosenCv = cvs.some((d) => d.id === draft.initial.cv) || draft.initial.cv === '' ? draft.initial.cv : (cvs[0]?.id ?? '');
  const target = kind === 'company' ? company?.name : (fullOffer.data?.company.name ?? offer?.company.name);
  return (
    <Page
      title={`Postuler pour ${name}`}
      lead={`La candidature est faite pour ${name}, qui la retrouve dans son espace. Comme toute candidature de vos candidats, elle attend ensuite votre validation avant d’être transmise à l’entreprise : vous la validez depuis sa page, juste après l’envoi.`}
    >
      {back(candidateId, c)}
      <Loaded resource={candidate} label="Chargement du candidat…">
        {(c) => (
          <form class="card" onSubmit={submit} onInput={draft.onInput} noValidate ref={form.ref}>
            <fieldset>
              <legend>Type de candidature</legend>
              <label class="choice">
                <input type="radio" name="type" value="offre" checked={kind === 'offer'} onChange={() => navigate(withQuery(location, { type: undefined }))} /> À une offre publiée
              </label>
              <label class="choice">
                <input type="radio" name="type" value="spontanee" checked={kind === 'company'} onChange={() => navigate(withQuery(location, { type: 'spontanee' }))} /> Spontanée, à
                une entreprise
              </label>
            </fieldset>
            {kind === 'offer' ? (
              <OfferPicker
                id="for"
                chosen={offer ?? presetOffer.data ?? null}
                onChoose={setOffer}
                message={form.message('offerId')}
                invalid={!!form.messageOf('offerId')}
              />
            ) : (
              <CompanyPicker spontaneous id="for" chosen={company} onChoose={setCompany} message={form.message('companyId')} invalid={!!form.messageOf('companyId')} />
            )}
            <div class="field">
              <label for="for-message">Message à l’entreprise</label>
              <textarea id="for-message" name="message" rows={6} defaultValue={draft.initial.message} {...form.control('message', 'for-message-readers')} />
              <p class="hint" id="for-message-readers">
                Lisible par {name} dans sa candidature et, une fois la candidature validée, par les recruteurs {target ? de(target) : 'de l’entreprise'}.
              </p>
              {form.message('message')}
            </div>
            {kind === 'offer' && fullOffer.data?.screeningQuestion && (
              <div class="field">
                <label for="for-answer">{fullOffer.data.screeningQuestion} (obligatoire)</label>
                <textarea id="for-answer" name="screeningAnswer" rows={4} aria-required="true" defaultValue={draft.initial.screeningAnswer} {...form.control('screeningAnswer', 'for-answer-hint')} />
                <p class="hint" id="for-answer-hint">
                  La question de l’offre, à laquelle vous répondez pour {name}. Lisible dans la candidature par {name} et par les recruteurs.
                </p>
                {form.message('screeningAnswer')}
              </div>
            )}
            <fieldset class="field" aria-describedby="for-cvDocumentId-error">
              <legend>CV à joindre</legend>
              <label class="choice">
                <input type="radio" name="cv" value="" defaultChecked={chosenCv === ''} /> Aucun CV
              </label>
              {cvs.map((d) => (
                <label key={d.id} class="choice">
                  <input type="radio" name="cv" value={d.id} defaultChecked={chosenCv === d.id} /> {d.filename} (ajouté le <DateTime iso={d.createdAt} date />)
                </label>
              ))}
              <p class="hint">{cvs.length ? `Les CV que ${name} a déposés dans ses documents.` : `${name} n’a pas encore déposé de CV dans ses documents.`}</p>
              {form.message('cvDocumentId')}
            </fieldset>
            {form.summary()}
            <button {...form.submit}>{busy ? 'Envoi…' : `Déposer la candidature pour ${personName(c)}`}</button>
          </form>
        )}
      </Loaded>
    </Page>
  );
}

export function SponsorForCandidatePage({ candidateId, me }: { candidateId: string; me: Me }) {
  const candidate = useResource(() => api.followedCandidate(candidateId), [candidateId]);
  const draft = useDraft(draftKey(me.id, 'sponsor-for', candidateId));
  const { busy, run, ...form } = useForm({ id: 'sp-for', fields: ['companyId', 'message'] });
  const [company, setCompany] = useState<VerifiedCompany | null>(null);
  if (isMissing(candidate.error) && !candidate.data) return <Inaccessible what="Candidat" back={{ href: '/referent/candidats', label: 'Mes candidats' }} />;
  const c = candidate.data;
  const name = c ? personName(c) : 'la personne';

  async function submit(event: Event) {
    event.preventDefault();
    const message = String(new FormData(event.currentTarget as HTMLFormElement).get('message') ?? '');
    const to = company;
    const created = await run(() =>
      to ? api.requestSponsorship({ companyId: to.id, message, candidateId }) : Promise.reject(fieldRefusal('companyId', 'Choisissez l’entreprise à qui demander un parrain.')),
    );
    if (created && to) {
      draft.clear();
      announce(`Demande de parrainage envoyée à ${to.name} pour ${name}.`, true);
      navigate(`/referent/parrainages/${created.id}`);
    }
  }

  return (
    <Page
      title={`Demander un parrainage pour ${name}`}
      lead="Un recruteur de l’entreprise peut parrainer la personne : la conseiller, lui présenter l’entreprise et ses métiers. L’entreprise répond par la plateforme, et sa réponse vous parvient par e-mail."
    >
      {back(candidateId, c)}
      <Loaded resource={candidate} label="Chargement du candidat…">
        {(c) => (
          <form class="card" onSubmit={submit} onInput={draft.onInput} noValidate ref={form.ref}>
            <CompanyPicker id="sp-for" chosen={company} onChoose={setCompany} message={form.message('companyId')} invalid={!!form.messageOf('companyId')} />
            <div class="field">
              <label for="sp-for-message">Votre message (obligatoire)</label>
              <textarea id="sp-for-message" name="message" rows={5} aria-required="true" defaultValue={draft.initial.message} {...form.control('message', 'sp-for-message-readers')} />
              <p class="hint" id="sp-for-message-readers">
                {sponsorshipMessageReaders('created', { companyName: company?.name ?? 'l’entreprise choisie', referent: null, candidate: c }, { role: 'REFERENT' })}
              </p>
              {form.message('message')}
            </div>
            {form.summary()}
            <button {...form.submit}>{busy ? 'Envoi…' : 'Envoyer la demande'}</button>
          </form>
        )}
      </Loaded>
    </Page>
  );
}

/**
 * On an offer's page: which candidate to apply for, then the form with the offer chosen; on a company's
 * page (`companyId`), the spontaneous application form with the company chosen.
 */
export function ApplyForWhomDialog({ offerId, companyId, onClose }: { offerId?: string; companyId?: string; onClose: () => void }) {
  const candidates = useResource(() => api.followedCandidates({ pageSize: 100 }), []);
  function submit(event: Event) {
    event.preventDefault();
    const id = String(new FormData(event.currentTarget as HTMLFormElement).get('candidate') ?? '');
    if (id) navigate(`/referent/candidats/${id}/postuler?${offerId ? `offre=${offerId}` : `type=spontanee&entreprise=${companyId}`}`);
  }
  return (
    <Dialog title="Postuler pour un candidat" onClose={onClose}>
      <Loaded resource={candidates} label="Chargement de vos candidats…">
        {(data) =>
          data.items.length ? (
            <form onSubmit={submit}>
              <div class="field">
                <label for="whom">Candidat</label>
                <select id="whom" name="candidate" required>
                  {data.items.map((c) => (
                    <option key={c.id} value={c.id}>
                      {personName(c)}
                      {c.city ? ` — ${c.city}` : ''}
                    </option>
                  ))}
                </select>
              </div>
              <DialogButtons onCancel={onClose}>
                <button type="submit">Continuer</button>
              </DialogButtons>
            </form>
          ) : (
            <>
              <Empty>Vous ne suivez encore aucun candidat.</Empty>
              <DialogButtons onCancel={onClose} cancelLabel="Fermer" />
            </>
          )
        }
      </Loaded>
    </Dialog>
  );
}
