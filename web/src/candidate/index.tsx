// Espace candidat: my applications (status, history, confirm an interview, join a video interview,
// withdraw), offers search, the offer page, applying, my interviews, sponsorship requests, documents.
import { ContactRequestsPage } from '../cvtheque-work.js';
import { InvitationNote, MyInvitationsPage } from '../offer-invitations.js';
import { useState } from 'preact/hooks';
import { ApiError, api, type CandidateDocument, type Me, type Offer } from '../api.js';
import { DocumentTextStatus } from '../document-text.js';
import { draftKey, useDraft } from '../drafts.js';
import { CandidateAccommodationsPage } from '../accommodations.js';
import { CandidateProfilePage } from '../profile.js';
import { ApplicationPage, ApplicationTable } from '../applications.js';
import { AppointmentsPage } from '../appointments.js';
import { SponsorshipReadPage } from '../entity-views.js';
import type { SpaceProps } from '../main.js';
import { Inaccessible, NotFound, isMissing } from '../not-found.js';
import { IdealCandidateDetails, OfferDetails } from '../offer-view.js';
import { OffersSearch } from '../offer-search.js';
import { applyingReaders, sponsorshipMessageReaders } from '../readers.js';
import { SponsorshipBadge } from '../sponsorship-view.js';
import { SpontaneousApplyPage } from './spontaneous.js';
import { ActivityFeed } from '../feed.js';
import { ACCEPTED_FILES, KIND_LABEL, fileProblemOf, sizeLabel, uploadFile, useCvPicker } from './cv.js';
import { match, navigate, withQuery, type Location } from '../router.js';
import { useForm } from '../forms.js';
import { announce, DateTime, Dialog, DialogButtons, Empty, ErrorNote, Loaded, Page, Pager, submitProps, useAction, useResource } from '../ui.js';

export default function CandidateSpace({ me, location }: SpaceProps) {
  const path = location.path;
  let params: Record<string, string> | null;
  if (path === '/candidat') return <MyApplications location={location} />;
  if ((params = match('/candidat/candidatures/:id', path)))
    return <ApplicationPage id={params.id!} me={me} back={{ href: '/candidat', label: 'Mes candidatures' }} />;
  if (path === '/candidat/offres')
    return (
      <OffersSearch
        location={location}
        hrefOf={(o) => `/candidat/offres/${o.id}`}
        actions={
          <a class="button secondary" href="/candidat/candidature-spontanee">
            Candidature spontanée
          </a>
        }
      />
    );
  if (path === '/candidat/candidature-spontanee') return <SpontaneousApplyPage me={me} location={location} />;
  if ((params = match('/candidat/offres/:id', path))) return <OfferPage id={params.id!} me={me} />;
  if ((params = match('/candidat/offres/:id/postuler', path))) return <ApplyPage id={params.id!} me={me} />;
  if (path === '/candidat/rendez-vous')
    return (
      <AppointmentsPage
        title="Mes entretiens"
        location={location}
        hrefOf={(a) => `/candidat/candidatures/${a.application.id}`}
        who={(a) => `${a.company.name} — ${a.offer?.title ?? 'candidature spontanée'}`}
      />
    );
  if (path === '/candidat/parrainages') return <MySponsorships />;
  if (path === '/candidat/contacts') return <ContactRequestsPage />;
  if (path === '/candidat/invitations') return <MyInvitationsPage />;
  if ((params = match('/candidat/parrainages/:id', path))) return <SponsorshipPage id={params.id!} />;
  if (path === '/candidat/documents') return <Documents />;
  if (path === '/candidat/amenagements') return <CandidateAccommodationsPage />;
  if (path === '/candidat/profil') return <CandidateProfilePage />;
  return <NotFound home="/candidat" />;
}

function MyApplications({ location }: { location: Location }) {
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const list = useResource(() => api.applications({ status: 'all', sort: 'newest', page, pageSize: 20 }), [page]);
  return (
    <Page
      title="Mes candidatures"
      lead="Où en est chacune de vos candidatures, et ce qui vous attend."
      actions={
        <>
          <a class="button" href="/candidat/offres">
            Chercher une offre
          </a>
          <a class="button secondary" href="/candidat/candidature-spontanee">
            Candidature spontanée
          </a>
        </>
      }
    >
      <Loaded resource={list} label="Chargement de vos candidatures…">
        {(data) =>
          data.items.length ? (
            <>
              <ApplicationTable
                items={data.items}
                caption={`${data.total} candidature${data.total > 1 ? 's' : ''}`}
                hrefOf={(a) => `/candidat/candidatures/${a.id}`}
                show={{ company: true }}
              />
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>
              Vous n’avez pas encore de candidature. <a href="/candidat/offres">Consultez les offres</a> pour postuler.
            </Empty>
          )
        }
      </Loaded>
      <ActivityFeed role="CANDIDATE" />
    </Page>
  );
}

function OfferPage({ id, me }: { id: string; me: Me }) {
  const offer = useResource(() => api.offer(id), [id]);
  const [asking, setAsking] = useState(false);
  if (isMissing(offer.error) && !offer.data) return <Inaccessible what="Offre" back={{ href: '/candidat/offres', label: 'Offres d’emploi' }} />;
  return (
    <Page title={offer.data?.title ?? 'Offre'} lead={offer.data ? `${offer.data.company.name} — ${offer.data.city}` : undefined}>
      <p class="back">
        <a href="/candidat/offres">← Offres d’emploi</a>
      </p>
      <Loaded resource={offer} label="Chargement de l’offre…">
        {(o) => (
          <>
            <div class="actions">
              {o.status === 'PUBLISHED' ? (
                <a class="button" href={`/candidat/offres/${o.id}/postuler`}>
                  Postuler à cette offre
                </a>
              ) : (
                <p>Cette offre n’accepte plus de candidatures.</p>
              )}
              <button type="button" class="secondary" onClick={() => setAsking(true)}>
                Demander un parrain chez {o.company.name}
              </button>
            </div>
            {asking && <SponsorshipRequestDialog offer={o} me={me} onClose={() => setAsking(false)} />}
            <InvitationNote offerId={o.id} />
            <OfferDetails offer={o} />
            <IdealCandidateDetails offer={o} hideWhenEmpty />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function SponsorshipRequestDialog({ offer, me, onClose }: { offer: Offer; me: Me; onClose: () => void }) {
  const { run, ...form } = useForm({ id: 'sp', fields: ['message'] });
  const draft = useDraft(draftKey(me.id, 'sponsorship', offer.company.id));
  async function submit(event: Event) {
    event.preventDefault();
    const message = String(new FormData(event.currentTarget as HTMLFormElement).get('message') ?? '');
    const created = await run(() => api.requestSponsorship({ companyId: offer.company.id, message }));
    if (created) {
      draft.clear();
      announce(`Demande de parrainage envoyée à ${offer.company.name}.`, true);
      navigate(`/candidat/parrainages/${created.id}`);
    }
  }
  return (
    <Dialog title={`Demander un parrain chez ${offer.company.name}`} onClose={onClose}>
      <form onSubmit={submit} onInput={draft.onInput} noValidate ref={form.ref}>
        <p>Un recruteur de l’entreprise peut vous parrainer : vous conseiller, vous présenter l’entreprise et ses métiers.</p>
        <div class="field">
          <label for="sp-message">Votre message (obligatoire)</label>
          <textarea id="sp-message" name="message" rows={5} aria-required="true" defaultValue={draft.initial.message} {...form.control('message', 'sp-message-readers')} />
          <p class="hint" id="sp-message-readers">
            {sponsorshipMessageReaders('created', { companyName: offer.company.name }, { role: 'CANDIDATE' })}
          </p>
          {form.message('message')}
        </div>
        {form.summary()}
        <DialogButtons onCancel={onClose}>
          <button {...form.submit}>
            Envoyer la demande
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

function ApplyPage({ id, me }: { id: string; me: Me }) {
  const offer = useResource(() => api.offer(id), [id]);
  const { busy, run, ...form } = useForm({ id: 'apply', fields: ['message', 'screeningAnswer', 'cvDocumentId'] });
  const draft = useDraft(draftKey(me.id, 'apply', id));
  const cv = useCvPicker('apply', draft);

  async function submit(event: Event) {
    event.preventDefault();
    // A CV still uploading would be left out: the button says so (aria-disabled) and waits.
    if (cv.busy) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    const created = await run(() =>
      api.apply({
        offerId: id,
        message: value('message') || undefined,
        screeningAnswer: value('screeningAnswer') || undefined,
        cvDocumentId: value('cv') || undefined,
      }),
    );
    if (created) {
      draft.clear();
      announce(`Candidature envoyée. Statut : ${created.status === 'PENDING_REFERENT_VALIDATION' ? 'en attente de validation par votre référent' : 'transmise à l’entreprise'}.`, true);
      navigate(`/candidat/candidatures/${created.id}`);
    }
  }

  return (
    <Page title="Postuler" lead={offer.data ? `${offer.data.title} — ${offer.data.company.name}` : undefined}>
      <p class="back">
        <a href={`/candidat/offres/${id}`}>← Retour à l’offre</a>
      </p>
      <Loaded resource={offer} label="Chargement de l’offre…">
        {(o) => (
          <form class="card" onSubmit={submit} onInput={draft.onInput} noValidate ref={form.ref}>
            <div class="field">
              <label for="apply-message">Votre message au recruteur</label>
              <textarea id="apply-message" name="message" rows={6} defaultValue={draft.initial.message} {...form.control('message', 'apply-message-hint apply-message-readers')} />
              <p class="hint" id="apply-message-hint">
                Vos motivations, vos disponibilités. Votre brouillon reste dans cet onglet jusqu’à l’envoi.
              </p>
              <p class="hint" id="apply-message-readers">
                {applyingReaders('message', o.company.name)}
              </p>
              {form.message('message')}
            </div>
            {o.screeningQuestion && (
              <div class="field">
                <label for="apply-answer">{o.screeningQuestion} (obligatoire)</label>
                <textarea id="apply-answer" name="screeningAnswer" rows={4} aria-required="true" defaultValue={draft.initial.screeningAnswer} {...form.control('screeningAnswer', 'apply-answer-readers')} />
                <p class="hint" id="apply-answer-readers">
                  {applyingReaders('screeningAnswer', o.company.name)}
                </p>
                {form.message('screeningAnswer')}
              </div>
            )}
            {cv.fieldset(form.message('cvDocumentId'))}
            {form.summary()}
            <button {...form.submit} {...(cv.busy ? { 'aria-disabled': 'true' } : {})}>
              {busy ? 'Envoi…' : 'Envoyer ma candidature'}
            </button>
          </form>
        )}
      </Loaded>
    </Page>
  );
}

function MySponsorships() {
  const list = useResource(() => api.sponsorships({ status: 'all', pageSize: 50 }), []);
  return (
    <Page title="Mes demandes de parrainage" lead="Pour demander un parrain, ouvrez une offre de l’entreprise qui vous intéresse.">
      <Loaded resource={list} label="Chargement de vos demandes…">
        {(data) =>
          data.items.length ? (
            <ul class="cards">
              {data.items.map((s) => (
                <li key={s.id} class="card">
                  <a href={`/candidat/parrainages/${s.id}`}>{s.company.name}</a> <SponsorshipBadge status={s.status} />
                  <p class="muted">
                    Demandée le <DateTime iso={s.createdAt} date />
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>
              Aucune demande de parrainage. <a href="/candidat/offres">Parcourez les offres</a> pour trouver une entreprise.
            </Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

function SponsorshipPage({ id }: { id: string }) {
  return <SponsorshipReadPage id={id} back={{ href: '/candidat/parrainages', label: 'Mes demandes de parrainage' }} heading={(s) => ({ title: `Parrainage : ${s.company.name}` })} />;
}

function Documents() {
  const documents = useResource(() => api.myDocuments(), []);
  const upload = useAction();
  const [fileProblem, setFileProblem] = useState<ApiError | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [deleting, setDeleting] = useState<CandidateDocument | null>(null);
  const fileError = fileProblem ?? upload.error;

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const file = form.get('file');
    const kind = String(form.get('kind') ?? 'CV') as CandidateDocument['kind'];
    upload.clear();
    if (!(file instanceof File) || !file.name) return setFileProblem(new ApiError(0, 'CLIENT', 'Choisissez d’abord un fichier.'));
    const problem = fileProblemOf(file);
    setFileProblem(problem);
    if (problem) return;
    const created = await upload.run(() => uploadFile(kind, file));
    if (created) {
      announce(`${KIND_LABEL[created.kind]} ajouté : ${created.filename}.`);
      setFormKey((k) => k + 1);
      void documents.reload();
    }
  }

  return (
    <Page title="Mes documents" lead="Votre CV et vos lettres, à joindre à vos candidatures. Seuls vous, votre référent et les entreprises qui reçoivent une candidature qui les porte peuvent les télécharger.">
      <Loaded resource={documents} label="Chargement de vos documents…">
        {({ items, total }) =>
          items.length ? (
            <div class="table-wrap">
              <table class="stack">
                <caption>
                  {total} document{total > 1 ? 's' : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Document</th>
                    <th scope="col">Type</th>
                    <th scope="col">Taille</th>
                    <th scope="col">Ajouté le</th>
                    <th scope="col">Lecture pour la recherche</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">
                        <a href={d.downloadUrl ?? undefined} download>
                          {d.filename}
                        </a>
                      </th>
                      <td data-label="Type">{KIND_LABEL[d.kind]}</td>
                      <td data-label="Taille">{sizeLabel(d.sizeBytes)}</td>
                      <td data-label="Ajouté le">
                        <DateTime iso={d.createdAt} date />
                      </td>
                      <td data-label="Lecture pour la recherche">
                        <DocumentTextStatus document={d} who="candidate" />
                      </td>
                      <td data-label="Actions">
                        {d.liveApplications > 0 ? (
                          <span class="muted">
                            Joint à {d.liveApplications > 1 ? `${d.liveApplications} candidatures en cours` : 'une candidature en cours'}
                          </span>
                        ) : (
                          <button type="button" class="secondary small" onClick={() => setDeleting(d)}>
                            Supprimer<span class="visually-hidden"> {d.filename}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <Empty>Aucun document pour le moment : ajoutez votre CV ci-dessous.</Empty>
          )
        }
      </Loaded>
      {deleting && (
        <DeleteDocumentDialog
          document={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            announce(`Document supprimé : ${deleting.filename}.`);
            setDeleting(null);
            void documents.reload();
          }}
        />
      )}
      <section class="card" aria-labelledby="upload-title">
        <h2 id="upload-title">Ajouter un document</h2>
        <form key={formKey} onSubmit={submit} noValidate>
          <div class="field">
            <label for="doc-kind">Type de document</label>
            <select id="doc-kind" name="kind">
              {(Object.keys(KIND_LABEL) as CandidateDocument['kind'][]).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="doc-file">Fichier</label>
            <input
              id="doc-file"
              name="file"
              type="file"
              accept={ACCEPTED_FILES}
              aria-describedby="doc-file-hint doc-file-error"
              aria-invalid={fileError ? 'true' : undefined}
              onChange={() => {
                setFileProblem(null);
                upload.clear();
              }}
            />
            <p class="hint" id="doc-file-hint">
              PDF, Word (.docx), OpenDocument (.odt), ou une image PNG ou JPEG ; 5 Mo au plus.
            </p>
            <ErrorNote error={fileError} id="doc-file-error" />
          </div>
          <button type="submit" disabled={upload.busy}>
            {upload.busy ? 'Envoi…' : 'Ajouter le document'}
          </button>
        </form>
      </section>
    </Page>
  );
}

function DeleteDocumentDialog({ document: d, onClose, onDeleted }: { document: CandidateDocument; onClose: () => void; onDeleted: () => void }) {
  const { busy, error, run } = useAction();
  async function confirm(event: Event) {
    event.preventDefault();
    const done = await run(async () => {
      await api.deleteDocument(d.id);
      return true;
    });
    if (done) onDeleted();
  }
  return (
    <Dialog title="Supprimer ce document ?" onClose={onClose}>
      <form onSubmit={confirm}>
        <p id="delete-help">
          « {d.filename} » sera supprimé définitivement. Les candidatures closes qui le portaient ne l’auront plus.
        </p>
        <ErrorNote error={error} id="delete-error" />
        <DialogButtons onCancel={onClose}>
          <button {...submitProps(busy)} class="danger" aria-describedby="delete-help delete-error">
            {busy ? 'Suppression…' : 'Supprimer'}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
