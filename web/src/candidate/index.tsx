// Espace candidat: my applications (status, history, confirm an interview, join a video interview,
// withdraw), offers search, the offer page, applying, my interviews, sponsorship requests, documents.
import { useState } from 'preact/hooks';
import { CONTRACT_TYPES, REMOTE_MODES } from '../../../workflows/offer-rules.js';
import { api, type ApiError, type CandidateDocument, type Offer } from '../api.js';
import { ApplicationPage, ApplicationTable } from '../applications.js';
import { AppointmentsPage } from '../appointments.js';
import type { SpaceProps } from '../main.js';
import { NotFound } from '../not-found.js';
import { CONTRACT_LABEL, OfferDetails, REMOTE_LABEL } from '../offer-view.js';
import { SponsorshipBadge, SponsorshipDetail } from '../sponsorship-view.js';
import { match, navigate, withQuery, type Location } from '../router.js';
import { DateTime, Dialog, Empty, ErrorNote, Loaded, Page, Pager, announce, options, useAction, useResource } from '../ui.js';

export default function CandidateSpace({ me, location }: SpaceProps) {
  const path = location.path;
  let params: Record<string, string> | null;
  if (path === '/candidat') return <MyApplications location={location} />;
  if ((params = match('/candidat/candidatures/:id', path)))
    return <ApplicationPage id={params.id!} me={me} back={{ href: '/candidat', label: 'Mes candidatures' }} />;
  if (path === '/candidat/offres') return <OffersSearch location={location} />;
  if ((params = match('/candidat/offres/:id', path))) return <OfferPage id={params.id!} />;
  if ((params = match('/candidat/offres/:id/postuler', path))) return <ApplyPage id={params.id!} />;
  if (path === '/candidat/rendez-vous')
    return (
      <AppointmentsPage
        title="Mes rendez-vous"
        location={location}
        hrefOf={(a) => `/candidat/candidatures/${a.id}`}
        who={(a) => `${a.company.name} — ${a.offer?.title ?? 'candidature spontanée'}`}
      />
    );
  if (path === '/candidat/parrainages') return <MySponsorships />;
  if ((params = match('/candidat/parrainages/:id', path))) return <SponsorshipPage id={params.id!} />;
  if (path === '/candidat/documents') return <Documents />;
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
        <a class="button" href="/candidat/offres">
          Chercher une offre
        </a>
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
    </Page>
  );
}

function OffersSearch({ location }: { location: Location }) {
  const q = location.query.get('q') ?? '';
  const department = location.query.get('departement') ?? '';
  const contractType = location.query.get('contrat') ?? '';
  const remote = location.query.get('teletravail') ?? '';
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const offers = useResource(
    () => api.offers({ q: q || undefined, department: department || undefined, contractType: contractType || undefined, remote: remote || undefined, page, pageSize: 20 }),
    [q, department, contractType, remote, page],
  );
  function search(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    navigate(withQuery(location, { q: value('q'), departement: value('departement'), contrat: value('contrat'), teletravail: value('teletravail'), page: undefined }));
  }
  return (
    <Page title="Offres d’emploi" lead="Des employeurs engagés pour l’emploi des personnes en situation de handicap.">
      <form class="filters" role="search" aria-label="Rechercher des offres" onSubmit={search} key={location.query.toString()}>
        <div class="field grow">
          <label for="q">Mots-clés</label>
          <input id="q" name="q" type="search" defaultValue={q} placeholder="métier, ville…" />
        </div>
        <div class="field">
          <label for="departement">Département</label>
          <input id="departement" name="departement" defaultValue={department} inputMode="numeric" size={4} />
        </div>
        <div class="field">
          <label for="contrat">Contrat</label>
          <select id="contrat" name="contrat">
            {options([['', 'Tous'], ...CONTRACT_TYPES.map((c) => [c, CONTRACT_LABEL[c]!] as const)], contractType)}
          </select>
        </div>
        <div class="field">
          <label for="teletravail">Télétravail</label>
          <select id="teletravail" name="teletravail">
            {options([['', 'Indifférent'], ...REMOTE_MODES.map((r) => [r, REMOTE_LABEL[r]!] as const)], remote)}
          </select>
        </div>
        <button type="submit">Rechercher</button>
      </form>
      <Loaded resource={offers} label="Recherche des offres…">
        {(data) =>
          data.items.length ? (
            <>
              <p role="status">
                {data.total} offre{data.total > 1 ? 's' : ''} trouvée{data.total > 1 ? 's' : ''}
              </p>
              <ul class="cards offers">
                {data.items.map((o) => (
                  <li key={o.id} class="card">
                    <h2>
                      <a href={`/candidat/offres/${o.id}`}>{o.title}</a>
                    </h2>
                    <p>
                      {o.company.name} — {o.city} ({o.postalCode}) — {CONTRACT_LABEL[o.contractType]}
                      {o.contractDurationMonths ? ` ${o.contractDurationMonths} mois` : ''} — {REMOTE_LABEL[o.remote]}
                    </p>
                    <p class="muted">{o.summary}</p>
                  </li>
                ))}
              </ul>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>Aucune offre ne correspond à votre recherche. Essayez avec moins de critères.</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

function OfferPage({ id }: { id: string }) {
  const offer = useResource(() => api.offer(id), [id]);
  const [asking, setAsking] = useState(false);
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
            {asking && <SponsorshipRequestDialog offer={o} onClose={() => setAsking(false)} />}
            <OfferDetails offer={o} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function SponsorshipRequestDialog({ offer, onClose }: { offer: Offer; onClose: () => void }) {
  const { busy, error, run } = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    const message = String(new FormData(event.currentTarget as HTMLFormElement).get('message') ?? '');
    const created = await run(() => api.requestSponsorship({ companyId: offer.company.id, message }));
    if (created) {
      announce(`Demande de parrainage envoyée à ${offer.company.name}.`, true);
      navigate(`/candidat/parrainages/${created.id}`);
    }
  }
  return (
    <Dialog title={`Demander un parrain chez ${offer.company.name}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>Un recruteur de l’entreprise peut vous parrainer : vous conseiller, vous présenter l’entreprise et ses métiers.</p>
        <div class="field">
          <label for="sp-message">Votre message (obligatoire)</label>
          <textarea id="sp-message" name="message" rows={5} aria-required="true" />
        </div>
        <ErrorNote error={error} />
        <div class="dialog-buttons">
          <button type="submit" disabled={busy}>
            Envoyer la demande
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Annuler
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Until GET /api/me/documents exists (asked), a 404 reads as "no document yet". */
async function myDocuments(): Promise<{ items: CandidateDocument[]; available: boolean }> {
  try {
    return { items: (await api.myDocuments()).items, available: true };
  } catch (error) {
    if ((error as ApiError).status === 404) return { items: [], available: false };
    throw error;
  }
}

function ApplyPage({ id }: { id: string }) {
  const offer = useResource(() => api.offer(id), [id]);
  const documents = useResource(myDocuments, []);
  const { busy, error, run } = useAction();
  async function submit(event: Event) {
    event.preventDefault();
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
          <form class="card" onSubmit={submit} noValidate>
            <div class="field">
              <label for="apply-message">Votre message au recruteur</label>
              <textarea id="apply-message" name="message" rows={6} aria-describedby="apply-message-hint" />
              <p class="hint" id="apply-message-hint">
                Vos motivations, vos disponibilités, ce qui vous aiderait pour l’entretien.
              </p>
            </div>
            {o.screeningQuestion && (
              <div class="field">
                <label for="apply-answer">{o.screeningQuestion} (obligatoire)</label>
                <textarea id="apply-answer" name="screeningAnswer" rows={4} aria-required="true" />
              </div>
            )}
            <fieldset class="field">
              <legend>CV à joindre</legend>
              <Loaded resource={documents} label="Chargement de vos documents…">
                {({ items }) => {
                  const cvs = items.filter((d) => d.kind === 'CV');
                  return (
                    <>
                      <label class="choice">
                        <input type="radio" name="cv" value="" defaultChecked={!cvs.length} /> Aucun CV
                      </label>
                      {cvs.map((d, i) => (
                        <label key={d.id} class="choice">
                          <input type="radio" name="cv" value={d.id} defaultChecked={i === 0} /> {d.filename} (ajouté le <DateTime iso={d.createdAt} date />)
                        </label>
                      ))}
                      {!cvs.length && (
                        <p class="hint">
                          Vous n’avez pas encore de CV dans <a href="/candidat/documents">vos documents</a>.
                        </p>
                      )}
                    </>
                  );
                }}
              </Loaded>
            </fieldset>
            <ErrorNote error={error} id="apply-error" />
            <button type="submit" disabled={busy}>
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
  const resource = useResource(() => api.sponsorship(id), [id]);
  return (
    <Page title={resource.data ? `Parrainage : ${resource.data.company.name}` : 'Demande de parrainage'}>
      <p class="back">
        <a href="/candidat/parrainages">← Mes demandes de parrainage</a>
      </p>
      <Loaded resource={resource} label="Chargement de la demande…">
        {(s) => (
          <section class="card" aria-labelledby="sp-title">
            <h2 id="sp-title">
              <SponsorshipBadge status={s.status} />
            </h2>
            <SponsorshipDetail sponsorship={s} />
          </section>
        )}
      </Loaded>
    </Page>
  );
}

const KIND_LABEL: Record<CandidateDocument['kind'], string> = { CV: 'CV', COVER_LETTER: 'Lettre de motivation', OTHER: 'Autre document' };

function Documents() {
  const documents = useResource(myDocuments, []);
  const upload = useAction();
  const [formKey, setFormKey] = useState(0);
  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const file = form.get('file');
    const kind = String(form.get('kind') ?? 'CV') as CandidateDocument['kind'];
    const created = await upload.run(async () => {
      const content = file instanceof File && file.size ? await toBase64(file) : '';
      return api.uploadDocument({
        kind,
        filename: file instanceof File ? file.name : '',
        mimeType: file instanceof File ? file.type || 'application/octet-stream' : '',
        contentBase64: content,
      });
    });
    if (created) {
      announce(`${KIND_LABEL[created.kind]} ajouté : ${created.filename}.`);
      setFormKey((k) => k + 1);
      void documents.reload();
    }
  }
  return (
    <Page title="Mes documents" lead="Votre CV et vos lettres, à joindre à vos candidatures.">
      <Loaded resource={documents} label="Chargement de vos documents…">
        {({ items, available }) =>
          items.length ? (
            <ul class="cards">
              {items.map((d) => (
                <li key={d.id} class="card">
                  <a href={d.downloadUrl} download>
                    {d.filename}
                  </a>{' '}
                  — {KIND_LABEL[d.kind]}, {Math.max(1, Math.round(d.sizeBytes / 1024))} Ko, ajouté le <DateTime iso={d.createdAt} date />
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{available ? 'Aucun document pour le moment.' : 'Le dépôt de documents arrive bientôt sur Tremplin.'}</Empty>
          )
        }
      </Loaded>
      {documents.data?.available && (
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
              <label for="doc-file">Fichier (PDF, Word ou OpenDocument, 5 Mo au plus)</label>
              <input id="doc-file" name="file" type="file" accept=".pdf,.doc,.docx,.odt,application/pdf" />
            </div>
            <ErrorNote error={upload.error} />
            <button type="submit" disabled={upload.busy}>
              {upload.busy ? 'Envoi…' : 'Ajouter'}
            </button>
          </form>
        </section>
      )}
    </Page>
  );
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
