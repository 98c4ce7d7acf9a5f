// « Mes référents » of the chargé de mission (a chunk of its own, loaded from the référent space when
// opened): the référents of their network with what each one carries, a new référent's account, one
// référent's page with their candidates (« Confier à un autre référent »), disable and enable — each in
// a confirm dialog that opens on « Annuler ». The rules are the API's (api/mission): it refuses, the
// page shows why next to the action.
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { disabledReferent, reassignedCandidate, referentDetail, referentList } from '../../../api/mission/schemas.js';
import { de } from '../../../workflows/glossary.js';
import { query, request } from '../api.js';
import { personName } from '../applications.js';
import { fieldRefusal, useForm } from '../forms.js';
import { NotFound } from '../not-found.js';
import { match, navigate, withQuery, type Location } from '../router.js';
import { announce, Dialog, DialogButtons, Empty, formatDate, Loaded, options, Page, Pager, useResource } from '../ui.js';

type ReferentList = z.output<typeof referentList>;
type Referent = ReferentList['items'][number];
type ReferentDetail = z.output<typeof referentDetail>;
type Followed = ReferentDetail['followed'][number];

const missionApi = {
  referents: (params: { q?: string; page?: number; pageSize?: number } = {}) => request<ReferentList>('GET', `/mission/referents${query(params)}`),
  referent: (id: string) => request<ReferentDetail>('GET', `/mission/referents/${id}`),
  create: (body: { firstName: string; lastName: string; email: string; phone: string | null; jobTitle: string | null }) => request<Referent>('POST', '/mission/referents', body),
  disable: (id: string, reassignTo?: string) => request<z.output<typeof disabledReferent>>('POST', `/mission/referents/${id}/disable`, reassignTo ? { reassignTo } : {}),
  enable: (id: string) => request<Referent>('POST', `/mission/referents/${id}/enable`, {}),
  reassign: (candidateId: string, referentId: string) => request<z.output<typeof reassignedCandidate>>('POST', `/mission/candidates/${candidateId}/referent`, { referentId }),
};

/** The active référents of the network but one: whom a candidate may be given to. */
const othersThan = async (id: string) => (await missionApi.referents({ pageSize: 100 })).items.filter((r) => r.id !== id && !r.disabledAt);

const accountState = (r: Referent) => (r.disabledAt ? `Désactivé le ${formatDate(r.disabledAt)}` : r.accountActivated ? 'Actif' : 'En attente de première connexion');
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export default function MissionPages({ location }: { location: Location }) {
  const path = location.path;
  let params: Record<string, string> | null;
  if (path === '/referent/referents') return <Referents location={location} />;
  if (path === '/referent/referents/nouveau') return <NewReferent />;
  if ((params = match('/referent/referents/:id', path))) return <ReferentPage id={params.id!} />;
  return <NotFound home="/referent" />;
}

function Referents({ location }: { location: Location }) {
  const q = location.query.get('q') ?? '';
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const list = useResource(() => missionApi.referents({ q: q || undefined, page, pageSize: 20 }), [q, page]);
  function search(event: Event) {
    event.preventDefault();
    navigate(withQuery(location, { q: String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim(), page: undefined }));
  }
  return (
    <Page
      title="Mes référents"
      lead="Les référents de votre réseau, les candidats qu’ils suivent et les candidatures qui attendent leur validation."
      actions={
        <a class="button" href="/referent/referents/nouveau">
          Ajouter un référent
        </a>
      }
    >
      <form class="filters" role="search" aria-label="Rechercher un référent" onSubmit={search} key={q}>
        <div class="field grow">
          <label for="ref-q">Nom ou e-mail</label>
          <input id="ref-q" name="q" type="search" defaultValue={q} />
        </div>
        <button type="submit" class="secondary">
          Rechercher
        </button>
      </form>
      <Loaded resource={list} label="Chargement de vos référents…">
        {(data) =>
          data.items.length ? (
            <>
              <div class="table-wrap">
                <table class="stack">
                  <caption>
                    {plural(data.total, 'référent', 'référents')}
                    {q ? ` pour « ${q} »` : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Référent</th>
                      <th scope="col">Fonction</th>
                      <th scope="col">E-mail</th>
                      <th scope="col">Candidats suivis</th>
                      <th scope="col">À valider</th>
                      <th scope="col">Compte</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">
                          <a href={`/referent/referents/${r.id}`}>{personName(r)}</a>
                        </th>
                        <td data-label="Fonction">{r.jobTitle ?? '—'}</td>
                        <td data-label="E-mail">{r.email}</td>
                        <td data-label="Candidats suivis">{r.candidates}</td>
                        <td data-label="À valider">{r.pendingValidations}</td>
                        <td data-label="Compte">{accountState(r)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(p) => withQuery(location, { page: String(p) })} />
            </>
          ) : (
            <Empty>{q ? `Aucun référent ne correspond à « ${q} ».` : 'Aucun référent dans votre réseau pour le moment.'}</Empty>
          )
        }
      </Loaded>
    </Page>
  );
}

const REFERENT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'jobTitle'] as const;
type ReferentField = (typeof REFERENT_FIELDS)[number];

function NewReferent() {
  const create = useForm({ id: 'r', fields: REFERENT_FIELDS });
  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    const created = await create.run(() =>
      missionApi.create({ firstName: value('firstName'), lastName: value('lastName'), email: value('email'), phone: value('phone') || null, jobTitle: value('jobTitle') || null }),
    );
    if (created) {
      announce(`Compte référent créé pour ${personName(created)} : un mot de passe provisoire lui est envoyé par e-mail.`, true);
      navigate(`/referent/referents/${created.id}`);
    }
  }
  const input = (name: ReferentField, label: string, props: Record<string, unknown> = {}) => (
    <div class="field">
      <label for={`r-${name}`}>{label}</label>
      <input id={`r-${name}`} name={name} autoComplete="off" {...create.control(name)} {...props} />
      {create.message(name)}
    </div>
  );
  return (
    <Page title="Ajouter un référent" lead="La personne reçoit un e-mail avec un mot de passe provisoire, qu’elle change à sa première connexion. Elle rejoint votre réseau.">
      <p class="back">
        <a href="/referent/referents">← Mes référents</a>
      </p>
      <form class="card" onSubmit={submit} noValidate ref={create.ref}>
        <div class="grid-2">
          {input('firstName', 'Prénom (obligatoire)', { 'aria-required': 'true' })}
          {input('lastName', 'Nom (obligatoire)', { 'aria-required': 'true' })}
          {input('email', 'E-mail (obligatoire)', { type: 'email', 'aria-required': 'true' })}
          {input('phone', 'Téléphone', { type: 'tel' })}
          {input('jobTitle', 'Fonction et établissement')}
        </div>
        {create.summary()}
        <button {...create.submit}>{create.busy ? 'Création…' : 'Créer le compte'}</button>
      </form>
    </Page>
  );
}

type Opened = { kind: 'disable' } | { kind: 'enable' } | { kind: 'reassign'; candidate: Followed } | null;

function ReferentPage({ id }: { id: string }) {
  const referent = useResource(() => missionApi.referent(id), [id]);
  const [opened, setOpened] = useState<Opened>(null);
  const r = referent.data;
  const done = async (message: string) => {
    setOpened(null);
    announce(message, true);
    await referent.reload();
  };
  return (
    <Page
      title={r ? personName(r) : 'Référent'}
      lead={r ? [r.jobTitle, r.email].filter(Boolean).join(' — ') : undefined}
      actions={
        r &&
        (r.disabledAt ? (
          <button type="button" class="secondary" onClick={() => setOpened({ kind: 'enable' })}>
            Réactiver le compte
          </button>
        ) : (
          <button type="button" class="danger" onClick={() => setOpened({ kind: 'disable' })}>
            Désactiver le compte
          </button>
        ))
      }
    >
      <p class="back">
        <a href="/referent/referents">← Mes référents</a>
      </p>
      <Loaded resource={referent} label="Chargement du référent…">
        {(r) => (
          <>
            <section aria-labelledby="ref-profile" class="card">
              <h2 id="ref-profile">Compte</h2>
              <dl class="facts">
                <dt>E-mail</dt>
                <dd>
                  <a href={`mailto:${r.email}`}>{r.email}</a>
                </dd>
                <dt>Téléphone</dt>
                <dd>{r.phone ?? '—'}</dd>
                <dt>Fonction</dt>
                <dd>{r.jobTitle ?? '—'}</dd>
                <dt>Compte</dt>
                <dd data-return-focus tabIndex={-1}>
                  {accountState(r)}
                </dd>
                <dt>Candidatures à valider</dt>
                <dd>{r.pendingValidations}</dd>
              </dl>
            </section>
            <section aria-labelledby="ref-candidates">
              <h2 id="ref-candidates">Candidats suivis</h2>
              {r.followed.length ? (
                <div class="table-wrap">
                  <table class="stack">
                    <caption>{plural(r.followed.length, 'candidat suivi', 'candidats suivis')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Candidat</th>
                        <th scope="col">E-mail</th>
                        <th scope="col">Candidatures</th>
                        <th scope="col">À valider</th>
                        <th scope="col">
                          <span class="visually-hidden">Action</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.followed.map((c) => (
                        <tr key={c.id}>
                          <th scope="row">
                            <a href={`/referent/candidats/${c.id}`}>{personName(c)}</a>
                          </th>
                          <td data-label="E-mail">{c.email}</td>
                          <td data-label="Candidatures">{c.applications}</td>
                          <td data-label="À valider">{c.pendingValidations}</td>
                          <td>
                            <button type="button" class="secondary" onClick={() => setOpened({ kind: 'reassign', candidate: c })}>
                              Confier à un autre référent<span class="visually-hidden"> : {personName(c)}</span>
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <Empty>Aucun candidat suivi.</Empty>
              )}
            </section>
          </>
        )}
      </Loaded>
      {r && opened?.kind === 'disable' && <DisableDialog referent={r} onClose={() => setOpened(null)} onDone={done} />}
      {r && opened?.kind === 'enable' && <EnableDialog referent={r} onClose={() => setOpened(null)} onDone={done} />}
      {r && opened?.kind === 'reassign' && <ReassignDialog referent={r} candidate={opened.candidate} onClose={() => setOpened(null)} onDone={done} />}
    </Page>
  );
}

interface DialogProps {
  referent: ReferentDetail;
  onClose: () => void;
  onDone: (message: string) => Promise<void>;
}

/** Who else of the network may take candidates: loaded when a dialog needs it. */
function ReferentChoice({ id, exclude, label, form }: { id: string; exclude: string; label: string; form: ReturnType<typeof useForm> }) {
  const others = useResource(() => othersThan(exclude), [exclude]);
  return (
    <Loaded resource={others} label="Chargement des référents de votre réseau…">
      {(list) =>
        list.length ? (
          <div class="field">
            <label for={id}>{label}</label>
            <select id={id} name="referentId" required aria-required="true" {...form.control('referentId')}>
              {options([['', 'Choisissez un référent'], ...list.map((o) => [o.id, `${personName(o)}${o.jobTitle ? ` (${o.jobTitle})` : ''}`] as const)], '')}
            </select>
            {form.message('referentId')}
          </div>
        ) : (
          <p>Aucun autre référent actif dans votre réseau : ajoutez-en un d’abord.</p>
        )
      }
    </Loaded>
  );
}

function DisableDialog({ referent: r, onClose, onDone }: DialogProps) {
  // The API names the field reassignTo; the form's select is referentId.
  const form = useForm({ id: 'disable', fields: ['referentId'], alias: { reassignTo: 'referentId' } });
  const carries = r.followed.length;
  async function submit(event: Event) {
    event.preventDefault();
    const to = String(new FormData(event.currentTarget as HTMLFormElement).get('referentId') ?? '');
    const result = await form.run(() => missionApi.disable(r.id, to || undefined));
    if (result) {
      const moved = result.reassignedTo ? ` ${plural(result.candidatesMoved, 'candidat confié', 'candidats confiés')} à ${personName(result.reassignedTo)}.` : '';
      await onDone(`Compte ${de(personName(r))} désactivé.${moved}${result.handOver.message ? ` ${result.handOver.message}` : ''}`);
    }
  }
  return (
    <Dialog title={`Désactiver le compte ${de(personName(r))} ?`} onClose={onClose}>
      <form onSubmit={submit} noValidate ref={form.ref}>
        <p id="disable-help">
          La personne ne pourra plus se connecter et ses sessions en cours sont fermées. Ses données sont conservées ; le compte peut être réactivé.
          {carries ? ` Elle suit encore ${plural(carries, 'candidat', 'candidats')} : choisissez à qui ${carries > 1 ? 'les' : 'le'} confier, avec ${carries > 1 ? 'leurs' : 'ses'} candidatures en cours.` : ''}
        </p>
        {carries > 0 && <ReferentChoice id="disable-to" exclude={r.id} label={`Confier ${carries > 1 ? 'ses candidats' : 'son candidat'} à (obligatoire)`} form={form} />}
        {form.summary()}
        <DialogButtons onCancel={onClose} autofocusCancel>
          <button {...form.submit} class="danger" aria-describedby="disable-help">
            {form.busy ? 'Désactivation…' : carries ? 'Confier et désactiver' : 'Désactiver'}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

function EnableDialog({ referent: r, onClose, onDone }: DialogProps) {
  const form = useForm({ id: 'enable', fields: [] });
  async function submit(event: Event) {
    event.preventDefault();
    if (await form.run(() => missionApi.enable(r.id))) await onDone(`Compte ${de(personName(r))} réactivé : la personne peut de nouveau se connecter.`);
  }
  return (
    <Dialog title={`Réactiver le compte ${de(personName(r))} ?`} onClose={onClose}>
      <form onSubmit={submit} noValidate ref={form.ref}>
        <p id="enable-help">La personne pourra de nouveau se connecter avec son mot de passe.</p>
        {form.summary()}
        <DialogButtons onCancel={onClose} autofocusCancel>
          <button {...form.submit} aria-describedby="enable-help">
            {form.busy ? 'Réactivation…' : 'Réactiver'}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

function ReassignDialog({ referent: r, candidate: c, onClose, onDone }: DialogProps & { candidate: Followed }) {
  const form = useForm({ id: 'reassign', fields: ['referentId'] });
  async function submit(event: Event) {
    event.preventDefault();
    const to = String(new FormData(event.currentTarget as HTMLFormElement).get('referentId') ?? '');
    const result = await form.run(async () => {
      if (!to) throw fieldRefusal('referentId', 'Choisissez le référent à qui confier ce candidat.');
      return missionApi.reassign(c.id, to);
    });
    if (result) await onDone(`Suivi ${de(personName(c))} confié à ${personName(result.referent)}.${result.handOver.message ? ` ${result.handOver.message}` : ''}`);
  }
  return (
    <Dialog title={`Confier ${personName(c)} à un autre référent`} onClose={onClose}>
      <form onSubmit={submit} noValidate ref={form.ref}>
        <p id="reassign-help">
          Le nouveau référent suivra ses candidatures et demandes de parrainage en cours ; {personName(r)} n’y aura plus accès. Le candidat et le nouveau référent sont prévenus par e-mail.
        </p>
        <ReferentChoice id="reassign-to" exclude={r.id} label="Nouveau référent (obligatoire)" form={form} />
        {form.summary()}
        <DialogButtons onCancel={onClose} autofocusCancel>
          <button {...form.submit} aria-describedby="reassign-help">
            {form.busy ? 'Transfert…' : 'Confier'}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
