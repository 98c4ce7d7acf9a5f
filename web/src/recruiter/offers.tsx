// Mes offres: the company's offers with their status; create, edit, duplicate, submit to moderation
// and archive. A published offer is edited through the `edit` action: it goes back to moderation and
// keeps its end date. The H/F and wording warnings are the platform's own (offerWarnings, shared with the
// API), shown while typing and again before submission; they never block.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CONTRACT_TYPES, REMOTE_MODES, isEditable, offerRules, type OfferStatus } from '../../../workflows/offer-rules.js';
import { offerWarnings } from '../../../workflows/offer-wording.js';
import { api, offerExportUrl, type Me, type Offer, type OfferInput, type OfferWarning } from '../api.js';
import { clearDraft, draftKey, readDraft, saveDraft } from '../drafts.js';
import { ANONYMOUS_OFFER, CONTRACT_LABEL, IdealCandidateDetails, OfferChanges, OfferDetails, REMOTE_LABEL } from '../offer-view.js';
import { IDEAL_ALIAS, IDEAL_FIELDS, IdealCandidateFieldset, idealBodyOf, idealDraftOf, type IdealDraft } from './ideal-candidate-form.js';
import { InvitationCountsSection } from '../offer-invitations.js';
import { ShortlistCounters } from './shortlist.js';
import { navigate, withQuery, type Location } from '../router.js';
import { Inaccessible, isMissing } from '../not-found.js';
import { useForm } from '../forms.js';
import { DateTime, Dialog, Empty, ErrorNote, Loaded, Page, Pager, announce, capitalize, options, useAction, useResource } from '../ui.js';


export function OfferStatusBadge({ status }: { status: OfferStatus }) {
  return <span class={`badge offer-${status.toLowerCase().replace(/_/g, '-')}`}>{capitalize(offerRules.statusLabel[status])}</span>;
}

const ORDER: OfferStatus[] = ['DRAFT', 'REJECTED', 'PENDING_MODERATION', 'PUBLISHED', 'EXPIRED', 'ARCHIVED'];

export function OffersPage({ location }: { location: Location }) {
  const status = location.query.get('statut') ?? '';
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const offers = useResource(() => api.companyOffers({ status: status || undefined, page, pageSize: 20 }), [status, page]);
  function filter(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(withQuery(location, { statut: String(form.get('statut') ?? ''), page: undefined }));
  }
  return (
    <Page
      title="Mes offres"
      lead="Vos offres d’emploi, de l’écriture à la mise en ligne (60 jours au plus)."
      actions={
        <a class="button" href="/recruteur/offres/nouvelle">
          Déposer une offre
        </a>
      }
    >
      <form class="filters" onSubmit={filter} aria-label="Filtrer les offres">
        <div class="field">
          <label for="offer-status">Statut</label>
          <select id="offer-status" name="statut" key={status}>
            {options([['', 'Tous les statuts'], ...ORDER.map((s) => [s, capitalize(offerRules.statusLabel[s])] as const)], status)}
          </select>
        </div>
        <button type="submit" class="secondary">
          Filtrer
        </button>
      </form>
      <Loaded resource={offers} label="Chargement des offres…">
        {(data) =>
          data.items.length ? (
            <>
              <div class="table-wrap">
                <table class="stack">
                  <caption>
                    {data.total} offre{data.total > 1 ? 's' : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Intitulé</th>
                      <th scope="col">Contrat</th>
                      <th scope="col">Lieu</th>
                      <th scope="col">Statut</th>
                      <th scope="col">En ligne jusqu’au</th>
                      <th scope="col">Points à revoir</th>
                      <th scope="col">Candidatures</th>
                      <th scope="col">Exports</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((o) => (
                      <tr key={o.id}>
                        <th scope="row">
                          <a href={`/recruteur/offres/${o.id}`}>{o.title}</a>
                        </th>
                        <td data-label="Contrat">{CONTRACT_LABEL[o.contractType]}</td>
                        <td data-label="Lieu">
                          {o.city} ({o.postalCode})
                        </td>
                        <td data-label="Statut">
                          <OfferStatusBadge status={o.status} />
                        </td>
                        <td data-label="En ligne jusqu’au">{o.expiresAt ? <DateTime iso={o.expiresAt} date /> : '—'}</td>
                        <td data-label="Points à revoir">{o.warningCount ? <span class="warning-count">{o.warningCount}</span> : 'Aucun'}</td>
                        <td data-label="Candidatures">{o.counts ? <ShortlistCounters offerId={o.id} counts={o.counts} /> : '—'}</td>
                        <td data-label="Exports">{o.exports?.applications ? <ExportLinks offerId={o.id} counts={o.exports} /> : 'Aucune candidature'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>
              Aucune offre{status ? ' dans cet état' : ''}. <a href="/recruteur/offres/nouvelle">Déposer une offre</a>
            </Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The offer's exports as real links: the browser downloads them with the session (no script). */
export function ExportLinks({ offerId, counts }: { offerId: string; counts: { applications: number; cvs: number; favourites: number } }) {
  return (
    <ul class="export-links">
      <li>
        <a href={offerExportUrl(offerId, 'applications.csv')} download>
          Exporter les candidatures (CSV, {plural(counts.applications, 'candidature', 'candidatures')})
        </a>
      </li>
      {counts.cvs > 0 && (
        <li>
          <a href={offerExportUrl(offerId, 'cvs.zip')} download>
            Télécharger les CV (ZIP, {plural(counts.cvs, 'CV', 'CV')})
          </a>
        </li>
      )}
      {counts.favourites > 0 && (
        <li>
          <a href={offerExportUrl(offerId, 'favourites/anti-cv.pdf')} download>
            Anti-CV des favoris (PDF, {plural(counts.favourites, 'favori', 'favoris')})
          </a>
        </li>
      )}
    </ul>
  );
}

export function Warnings({ warnings, title }: { warnings: OfferWarning[] | ReturnType<typeof offerWarnings>; title: string }) {
  return (
    <section class="warnings" aria-labelledby="warnings-title">
      <h2 id="warnings-title">{title}</h2>
      {warnings.length ? (
        <ul>
          {warnings.map((w, i) => (
            <li key={i}>
              <p>
                <strong>{w.message}</strong>
              </p>
              <p class="muted">
                Champ « {FIELD_LABEL[w.field] ?? w.field} » : « {w.excerpt} »
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Aucun point à revoir : mention H/F présente, aucune formulation discriminante repérée.</p>
      )}
    </section>
  );
}

const FIELD_LABEL: Record<string, string> = {
  title: 'Intitulé du poste',
  job: 'Métier',
  description: 'Description du poste',
  experience: 'Expérience',
  education: 'Niveau d’études',
  screeningQuestion: 'Question aux candidats',
};

export function OfferPage({ id }: { id: string }) {
  const offer = useResource(() => api.offer(id), [id]);
  const duplicate = useAction();
  const [dialog, setDialog] = useState<'submit' | 'archive' | null>(null);
  if (isMissing(offer.error) && !offer.data) return <Inaccessible what="Offre" back={{ href: '/recruteur/offres', label: 'Mes offres' }} />;

  async function copy() {
    const created = await duplicate.run(() => api.duplicateOffer(id));
    if (created) {
      announce('Offre dupliquée : la copie est un nouveau brouillon.', true);
      navigate(`/recruteur/offres/${created.id}`);
    }
  }

  const o = offer.data;
  return (
    <Page title={o ? o.title : 'Offre'} lead={o ? `${CONTRACT_LABEL[o.contractType]} — ${o.city} (${o.postalCode})` : undefined}>
      <p class="back">
        <a href="/recruteur/offres">← Mes offres</a>
      </p>
      <Loaded resource={offer} label="Chargement de l’offre…">
        {(o) => (
          <>
            <section class="card" aria-labelledby="offer-status-title">
              <h2 id="offer-status-title">Statut</h2>
              <p data-return-focus tabIndex={-1}>
                <OfferStatusBadge status={o.status} />
                {o.expiresAt && o.status === 'PUBLISHED' && (
                  <span class="muted">
                    {' '}
                    en ligne jusqu’au <DateTime iso={o.expiresAt} date />
                  </span>
                )}
                {o.expiresAt && (o.status === 'PENDING_MODERATION' || o.status === 'REJECTED') && (
                  <span class="muted">
                    {' '}
                    (hors ligne ; date de fin maintenue au <DateTime iso={o.expiresAt} date />)
                  </span>
                )}
              </p>
              <div class="actions" role="group" aria-label="Actions sur l’offre">
                {isEditable(o.status) && (
                  <a class="button" href={`/recruteur/offres/${o.id}/modifier`}>
                    Modifier
                  </a>
                )}
                {o.allowedActions.includes('edit') && (
                  <a class="button" href={`/recruteur/offres/${o.id}/modifier`}>
                    Modifier l’offre
                  </a>
                )}
                {o.allowedActions.includes('submit') && (
                  <button type="button" onClick={() => setDialog('submit')}>
                    Soumettre à la modération
                  </button>
                )}
                <a class="button secondary" href={`/recruteur/offres/${o.id}/candidats-compatibles`}>
                  Candidats compatibles
                </a>
                <button type="button" class="secondary" onClick={copy} aria-disabled={duplicate.busy ? 'true' : undefined}>
                  Dupliquer
                </button>
                {o.allowedActions.includes('archive') && (
                  <button type="button" class="danger" onClick={() => setDialog('archive')}>
                    Archiver l’offre
                  </button>
                )}
              </div>
              <ErrorNote error={duplicate.error} />
            </section>
            {o.exports && (
              <section class="card" aria-labelledby="offer-exports-title">
                <h2 id="offer-exports-title">Candidatures reçues</h2>
                {o.exports.applications ? <ExportLinks offerId={o.id} counts={o.exports} /> : <p>Aucune candidature transmise pour cette offre.</p>}
              </section>
            )}
            {dialog && (
              <OfferTransitionDialog
                offer={o}
                action={dialog}
                onClose={() => setDialog(null)}
                onDone={(next) => {
                  offer.set(next);
                  setDialog(null);
                  announce(dialog === 'submit' ? 'Offre soumise à la modération.' : 'Offre archivée.');
                }}
              />
            )}
            {(o.status === 'DRAFT' || o.status === 'REJECTED' || o.warnings.length > 0) && <Warnings warnings={o.warnings} title="Points à revoir avant soumission" />}
            <OfferChanges offer={o} />
            {(o.status === 'PUBLISHED' || o.status === 'ARCHIVED' || o.status === 'EXPIRED') && <InvitationCountsSection offerId={o.id} />}
            <OfferDetails offer={o} />
            <IdealCandidateDetails offer={o} />
            <section class="card" aria-labelledby="offer-history-title">
              <h2 id="offer-history-title">Historique</h2>
              {o.history.length ? (
                <ol class="timeline">
                  {o.history.map((h, i) => (
                    <li key={i}>
                      <p class="when">
                        <DateTime iso={h.at} />
                      </p>
                      <p class="what">
                        <strong>{OFFER_EVENT[h.type] ?? h.type}</strong>
                        {h.actor && ` par ${h.actor.firstName} ${h.actor.lastName}`}
                      </p>
                      {h.message && <blockquote>{h.message}</blockquote>}
                    </li>
                  ))}
                </ol>
              ) : (
                <Empty>Aucun événement.</Empty>
              )}
            </section>
          </>
        )}
      </Loaded>
    </Page>
  );
}

const OFFER_EVENT: Record<string, string> = {
  created: 'Offre créée',
  submit: 'Soumise à la modération',
  approve: 'Publiée par la modération',
  reject: 'Refusée par la modération',
  archive: 'Archivée',
  expired: 'Expirée',
  edit: 'Modifiée et renvoyée à la modération',
};

function OfferTransitionDialog({ offer, action, onClose, onDone }: { offer: Offer; action: 'submit' | 'archive'; onClose: () => void; onDone: (o: Offer) => void }) {
  const { run, ...form } = useForm({ id: 'offer-action', fields: ['reason'] });
  const [reason, setReason] = useState('');
  async function submit(event: Event) {
    event.preventDefault();
    const next = await run(() => api.offerTransition(offer.id, action === 'submit' ? { action } : { action, reason: reason.trim() || null }));
    if (next) onDone(next);
  }
  return (
    <Dialog title={action === 'submit' ? 'Soumettre l’offre à la modération' : 'Archiver l’offre'} onClose={onClose} wide={action === 'submit'}>
      <form onSubmit={submit} noValidate ref={form.ref}>
        {action === 'submit' ? (
          offer.warnings.length ? (
            <>
              <p>
                <strong>
                  Cette offre présente {offer.warnings.length} point{offer.warnings.length > 1 ? 's' : ''} à revoir.
                </strong>{' '}
                Vous pouvez la modifier d’abord, ou la soumettre telle quelle : la modération les examinera.
              </p>
              <ul class="warnings-list">
                {offer.warnings.map((w, i) => (
                  <li key={i}>
                    {w.message} (« {w.excerpt} »)
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>L’offre sera relue par la modération avant sa mise en ligne, pour 60 jours au plus.</p>
          )
        ) : (
          <>
            <p>L’offre ne sera plus proposée aux candidats. Les candidatures déjà reçues restent consultables.</p>
            <div class="field">
              <label for="archive-reason">Motif (facultatif)</label>
              <textarea id="archive-reason" rows={3} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} {...form.control('reason', 'archive-reason-readers')} />
              {/* The company is told of an archive only when the platform did it (offer-notices.ts): a recruiter's reason is mailed to nobody. */}
              <p class="hint" id="archive-reason-readers">
                Envoyé par e-mail à personne. Lisible dans l’historique de l’offre par les recruteurs de votre entreprise et la modération.
              </p>
              {form.message('reason')}
            </div>
          </>
        )}
        {form.summary()}
        <div class="dialog-buttons">
          <button {...form.submit} class={action === 'archive' ? 'danger' : undefined}>
            {action === 'submit' ? (offer.warnings.length ? 'Soumettre quand même' : 'Soumettre') : 'Archiver'}
          </button>
          {action === 'submit' && offer.warnings.length > 0 && (
            // The safe choice takes the focus: Enter on opening revises the offer rather than submitting it.
            <a class="button secondary" href={`/recruteur/offres/${offer.id}/modifier`} autoFocus>
              Modifier l’offre
            </a>
          )}
          <button type="button" class="secondary" onClick={onClose}>
            Annuler
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function OfferNewPage({ location, me }: { location: Location; me: Me }) {
  void location;
  return (
    <Page title="Déposer une offre" lead="L’offre est enregistrée en brouillon ; vous la soumettez ensuite à la modération.">
      <p class="back">
        <a href="/recruteur/offres">← Mes offres</a>
      </p>
      <OfferForm keep={draftKey(me.id, 'offer', 'new')} />
    </Page>
  );
}

export function OfferEditPage({ id }: { id: string }) {
  const offer = useResource(() => api.offer(id), [id]);
  return (
    <Page title="Modifier l’offre" lead={offer.data?.title}>
      <p class="back">
        <a href={`/recruteur/offres/${id}`}>← Retour à l’offre</a>
      </p>
      <Loaded resource={offer} label="Chargement de l’offre…">
        {(o) =>
          isEditable(o.status) ? (
            <OfferForm offer={o} />
          ) : o.allowedActions.includes('edit') ? (
            <OfferForm offer={o} published />
          ) : (
            <p>
              Une offre {offerRules.statusLabel[o.status]} ne se modifie plus. <a href={`/recruteur/offres/${o.id}`}>Dupliquez-la</a> pour en faire une nouvelle.
            </p>
          )
        }
      </Loaded>
    </Page>
  );
}

type Draft = Record<string, string>;

const draftOf = (o?: Offer): Draft => ({
  title: o?.title ?? '',
  contractType: o?.contractType ?? 'CDI',
  contractDurationMonths: o?.contractDurationMonths?.toString() ?? '',
  experience: o?.experience ?? '',
  education: o?.education ?? '',
  postalCode: o?.postalCode ?? '',
  city: o?.city ?? '',
  departments: o?.departments.join(', ') ?? '',
  jobFamily: o?.jobFamily ?? '',
  job: o?.job ?? '',
  description: o?.description ?? '',
  salaryMin: o?.salaryMin?.toString() ?? '',
  salaryMax: o?.salaryMax?.toString() ?? '',
  remote: o?.remote ?? 'NONE',
  startDate: o?.startDate ?? '',
  screeningQuestion: o?.screeningQuestion ?? '',
  chosenEndDate: o?.chosenEndDate ?? '',
  // The « Profil recherché » fieldset's state, as JSON: the draft kept in the tab is strings.
  idealCandidate: JSON.stringify(idealDraftOf(o?.idealCandidate)),
  // A checkbox in a draft of strings: 'true' or ''.
  anonymous: o?.anonymous ? 'true' : '',
});

function idealOf(d: Draft): IdealDraft {
  try {
    return { ...idealDraftOf(), ...(JSON.parse(d.idealCandidate ?? '{}') as Partial<IdealDraft>) };
  } catch {
    return idealDraftOf();
  }
}

const text = (v: string) => v.trim() || null;
const number = (v: string) => (v.trim() === '' ? null : Number(v));

function bodyOf(d: Draft, isNew: boolean): OfferInput {
  const body: OfferInput = {
    title: d.title!.trim(),
    contractType: d.contractType!,
    contractDurationMonths: d.contractType === 'CDI' ? null : number(d.contractDurationMonths!),
    experience: text(d.experience!),
    education: text(d.education!),
    postalCode: d.postalCode!.trim(),
    city: d.city!.trim(),
    departments: d.departments!.trim() ? d.departments!.split(/[,;]+/).map((x) => x.trim()).filter(Boolean) : null,
    jobFamily: text(d.jobFamily!),
    job: text(d.job!),
    description: d.description!,
    salaryMin: number(d.salaryMin!),
    salaryMax: number(d.salaryMax!),
    remote: d.remote!,
    startDate: text(d.startDate!),
    screeningQuestion: text(d.screeningQuestion!),
    chosenEndDate: text(d.chosenEndDate!),
    idealCandidate: idealBodyOf(idealOf(d)),
    anonymous: d.anonymous === 'true',
  };
  // A new offer leaves out what is empty (the API sets its defaults, e.g. departments from the postal code).
  if (isNew) for (const key of Object.keys(body) as Array<keyof OfferInput>) if (body[key] === null) delete body[key];
  return body;
}

/**
 * `keep`: the key of the draft kept in the tab (a new offer only: an offer saved already is on the server).
 * `published`: the offer is online; the changes go through the `edit` action, which takes it back to
 * moderation with its end date kept (the field is not offered).
 */
function OfferForm({ offer, keep, published = false }: { offer?: Offer; keep?: string; published?: boolean }) {
  const [draft, setDraft] = useState<Draft>(() => ({ ...draftOf(offer), ...(keep ? readDraft(keep) : {}) }));
  useEffect(() => {
    if (!keep) return;
    const blank = draftOf(undefined);
    saveDraft(keep, Object.fromEntries(Object.entries(draft).filter(([key, value]) => value !== blank[key])));
  }, [draft]);
  const { busy, run, ...form } = useForm({ id: 'offer', fields: [...Object.keys(draftOf()), ...IDEAL_FIELDS], alias: IDEAL_ALIAS });
  const ideal = useMemo(() => idealOf(draft), [draft.idealCandidate]);
  const warnings = useMemo(() => offerWarnings(draft), [draft.title, draft.job, draft.description, draft.experience, draft.education, draft.screeningQuestion]);
  const set = (key: string) => (event: Event) => setDraft((d) => ({ ...d, [key]: (event.currentTarget as HTMLInputElement).value }));

  async function submit(event: Event) {
    event.preventDefault();
    const saved = await run(() => {
      if (offer && published) {
        const { chosenEndDate: _kept, ...fields } = bodyOf(draft, false);
        return api.offerTransition(offer.id, { action: 'edit', ...fields });
      }
      return offer ? api.updateOffer(offer.id, bodyOf(draft, false)) : api.createOffer(bodyOf(draft, true));
    });
    if (saved) {
      if (keep) clearDraft(keep);
      announce(published ? 'Offre modifiée : elle est en attente de modération.' : offer ? 'Offre modifiée.' : 'Offre enregistrée en brouillon.', true);
      navigate(`/recruteur/offres/${saved.id}`);
    }
  }

  const input = (key: string, label: string, props: Record<string, unknown> = {}, hint?: string) => (
    <div class="field">
      <label for={`offer-${key}`}>{label}</label>
      <input id={`offer-${key}`} value={draft[key]} onInput={set(key)} {...form.control(key, hint ? `offer-${key}-hint` : undefined)} {...props} />
      {hint && (
        <p class="hint" id={`offer-${key}-hint`}>
          {hint}
        </p>
      )}
      {form.message(key)}
    </div>
  );

  return (
    <form class="offer-form" onSubmit={submit} noValidate ref={form.ref}>
      {published && offer && (
        <div class="warnings" role="note" aria-labelledby="offer-edit-note-title">
          <h2 id="offer-edit-note-title">Cette offre est en ligne</h2>
          <p>
            En envoyant vos modifications, l’offre est retirée du site et repasse en modération : les candidats ne la voient plus jusqu’à sa
            validation. Elle garde sa date de fin{offer.expiresAt ? <> (en ligne jusqu’au <DateTime iso={offer.expiresAt} date /> au plus tard)</> : null} ; si la
            modération n’est pas terminée à cette date, l’offre expire. Les candidatures déjà reçues ne changent pas.
          </p>
        </div>
      )}
      <fieldset>
        <legend>Informations générales</legend>
        {input('title', 'Intitulé du poste (obligatoire)', { required: true, 'aria-required': 'true', maxLength: 200 }, 'Avec la mention H/F, par exemple « Comptable H/F ».')}
        <div class="field">
          <label for="offer-contractType">Type de contrat</label>
          <select id="offer-contractType" value={draft.contractType} onChange={set('contractType')} {...form.control('contractType')}>
            {CONTRACT_TYPES.map((c) => (
              <option key={c} value={c}>
                {CONTRACT_LABEL[c]}
              </option>
            ))}
          </select>
          {form.message('contractType')}
        </div>
        {draft.contractType !== 'CDI' && input('contractDurationMonths', 'Durée du contrat en mois (obligatoire hors CDI)', { type: 'number', min: 1, max: 60, inputMode: 'numeric' })}
        {input('experience', 'Années d’expérience', {}, 'Par exemple « 1 à 3 ans » ou « Débutant accepté ».')}
        {input('education', 'Niveau d’études')}
        {input('postalCode', 'Code postal (obligatoire)', { required: true, 'aria-required': 'true', inputMode: 'numeric', autoComplete: 'postal-code', maxLength: 5 })}
        {input('city', 'Ville (obligatoire)', { required: true, 'aria-required': 'true', autoComplete: 'address-level2' })}
        {input('departments', 'Départements de diffusion', {}, 'Numéros ou noms séparés par des virgules, ex. « 69, Ain » (par défaut, celui du code postal).')}
        <div class="field">
          <label for="offer-remote">Télétravail</label>
          <select id="offer-remote" value={draft.remote} onChange={set('remote')} {...form.control('remote')}>
            {REMOTE_MODES.map((r) => (
              <option key={r} value={r}>
                {REMOTE_LABEL[r]}
              </option>
            ))}
          </select>
          {form.message('remote')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Métier et détail du poste</legend>
        {input('jobFamily', 'Famille de métier')}
        {input('job', 'Métier')}
        <div class="field">
          <label for="offer-description">Description du poste (obligatoire)</label>
          <textarea
            id="offer-description"
            rows={8}
            value={draft.description}
            onInput={set('description')}
            required
            aria-required="true"
            {...form.control('description', 'offer-description-hint')}
          />
          <p class="hint" id="offer-description-hint">
            Missions, profil, compétences ; 20 caractères au moins. Les aménagements possibles sont un plus.
          </p>
          {form.message('description')}
        </div>
        {input('salaryMin', 'Salaire annuel brut minimum (€)', { type: 'number', min: 0, inputMode: 'numeric' })}
        {input('salaryMax', 'Salaire annuel brut maximum (€)', { type: 'number', min: 0, inputMode: 'numeric' })}
        {input('startDate', 'Date de prise de poste', { type: 'date' })}
        <div class="field">
          <label class="choice" for="offer-anonymous">
            <input
              type="checkbox"
              id="offer-anonymous"
              checked={draft.anonymous === 'true'}
              onChange={(event) => setDraft((d) => ({ ...d, anonymous: (event.currentTarget as HTMLInputElement).checked ? 'true' : '' }))}
              {...form.control('anonymous', 'offer-anonymous-hint')}
            />
            {ANONYMOUS_OFFER}
          </label>
          <p class="hint" id="offer-anonymous-hint">
            Vous lisez chaque candidature sans le nom, les coordonnées ni le nom des documents de la personne : sa réponse à votre question et son parcours
            d’abord. Quand une candidature vous intéresse, vous levez l’anonymat en vous engageant à contacter la personne, qui en est informée. La question
            aux candidats devient obligatoire.
          </p>
          {form.message('anonymous')}
        </div>
        {input('screeningQuestion', draft.anonymous === 'true' ? 'Question aux candidats (obligatoire pour une offre anonyme)' : 'Question aux candidats', draft.anonymous === 'true' ? { 'aria-required': 'true' } : {}, 'Une question ouverte sur le poste, à laquelle chaque personne répond en postulant. Elle ne doit porter ni sur la santé ni sur le handicap, aménagements compris : ces sujets se discutent plus tard, avec la personne, si elle le souhaite.')}
        {!published && input('chosenEndDate', 'Fin de publication', { type: 'date' }, 'Facultatif : l’offre reste en ligne 60 jours au plus.')}
      </fieldset>
      <IdealCandidateFieldset
        value={ideal}
        onChange={(next) => setDraft((d) => ({ ...d, idealCandidate: JSON.stringify(next) }))}
        form={{ busy, run, ...form }}
        contractLabel={CONTRACT_LABEL[draft.contractType!] ?? draft.contractType!}
        remoteLabel={REMOTE_LABEL[draft.remote!] ?? draft.remote!}
      />
      <Warnings warnings={warnings} title={published ? 'Points à revoir avant l’envoi à la modération' : 'Points à revoir (vérification automatique)'} />
      {form.summary()}
      <div class="row">
        <button {...form.submit}>
          {busy ? 'Enregistrement…' : published ? 'Envoyer les modifications à la modération' : offer ? 'Enregistrer les modifications' : 'Enregistrer le brouillon'}
        </button>
        <a href={offer ? `/recruteur/offres/${offer.id}` : '/recruteur/offres'}>Annuler</a>
      </div>
    </form>
  );
}
