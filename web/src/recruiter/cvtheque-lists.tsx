// « Listes et alertes » (issue #17, item 7): the company's CV lists (shared by its recruiters) with their
// profiles, and the recruiter's saved searches — CVthèque and matching ones (issue #18, item 3), each
// with its kind — with « Relancer » and their e-mail alert. Two small components for the other pages:
// <SaveSearchButton search /> (the CVthèque, the matching page and an offer's « Candidats compatibles »)
// and <AddToListButton candidateId /> (the search results and the profile page).
import { useState } from 'preact/hooks';
import type { SavedSearchKind } from '../../../api/cvtheque-lists/schemas.js';
import { api, type CvthequeListSummary, type SavedSearch, type SearchToSave } from '../api.js';
import { useForm } from '../forms.js';
import { announce, Dialog, DialogButtons, Empty, ErrorNote, formatDate, Loaded, Page, useAction, useResource } from '../ui.js';

export const LISTS_PATH = '/recruteur/cvtheque/listes';
const KIND_LABEL: Record<SavedSearchKind, string> = { cvtheque: 'Recherche CVthèque', matching: 'Recherche matching', 'offer-matching': 'Candidats compatibles d’une offre' };
const profileHref = (candidateId: string) => `/recruteur/cvtheque/profils/${candidateId}`;
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export function ListsAndAlertsPage() {
  return (
    <Page title="Listes et alertes" lead="Les listes de CV de votre entreprise, partagées avec vos collègues recruteurs, et vos recherches enregistrées.">
      <ListsSection />
      <SavedSearchesSection />
    </Page>
  );
}

// ---- Lists ------------------------------------------------------------------------------------------------

function ListsSection() {
  const lists = useResource(() => api.cvthequeLists(), []);
  const create = useForm({ id: 'new-list', fields: ['name'] });
  const [formKey, setFormKey] = useState(0);
  async function submit(event: Event) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget as HTMLFormElement).get('name') ?? '');
    const created = await create.run(() => api.createCvthequeList(name));
    if (created) {
      announce(`Liste « ${created.name} » créée.`);
      setFormKey((k) => k + 1);
      void lists.reload();
    }
  }
  return (
    <section aria-labelledby="lists-title">
      <h2 id="lists-title">Listes de CV</h2>
      <form key={formKey} class="card" onSubmit={submit} noValidate ref={create.ref}>
        <div class="field">
          <label for="new-list-name">Nom de la nouvelle liste</label>
          <input id="new-list-name" name="name" autoComplete="off" maxLength={80} aria-required="true" {...create.control('name')} />
          {create.message('name')}
        </div>
        {create.summary()}
        <button {...create.submit}>{create.busy ? 'Création…' : 'Créer la liste'}</button>
      </form>
      <Loaded resource={lists} label="Chargement des listes…">
        {(data) =>
          data.items.length ? (
            <ul class="cvtheque-lists">
              {data.items.map((list) => (
                <li key={list.id}>
                  <ListCard list={list} onChanged={() => void lists.reload()} />
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Aucune liste pour le moment : créez-en une, puis ajoutez-y des profils depuis la CVthèque.</Empty>
          )
        }
      </Loaded>
    </section>
  );
}

function ListCard({ list, onChanged }: { list: CvthequeListSummary; onChanged: () => void }) {
  const detail = useResource(() => api.cvthequeList(list.id), [list.id, list.itemCount]);
  const remove = useAction();
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const titleId = `list-${list.id}-title`;
  async function removeItem(candidateId: string, label: string) {
    const done = await remove.run(async () => {
      await api.removeFromCvthequeList(list.id, candidateId);
      return true;
    });
    if (done) {
      announce(`« ${label} » retiré de la liste « ${list.name} ».`);
      onChanged();
    }
  }
  return (
    <article class="card" aria-labelledby={titleId}>
      <h3 id={titleId}>{list.name}</h3>
      <p class="muted">
        {plural(list.itemCount, 'profil', 'profils')}
        {list.createdBy ? ` — créée par ${list.createdBy.firstName} ${list.createdBy.lastName}` : ''} le {formatDate(list.createdAt)}
      </p>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => setDialog('rename')}>
          Renommer<span class="visually-hidden"> la liste « {list.name} »</span>
        </button>
        <button type="button" class="danger" onClick={() => setDialog('delete')}>
          Supprimer<span class="visually-hidden"> la liste « {list.name} »</span>
        </button>
      </div>
      <ErrorNote error={remove.error} />
      <Loaded resource={detail} label="Chargement des profils…">
        {(data) =>
          data.items.length ? (
            <ul class="cvtheque-list-items">
              {data.items.map((item) => (
                <li key={item.candidateId}>
                  {item.withdrawn ? (
                    <span class="muted">{item.label}</span>
                  ) : (
                    <a href={profileHref(item.candidateId)}>
                      {item.label}
                      {item.profile?.place ? ` — ${item.profile.place}` : ''}
                    </a>
                  )}{' '}
                  <button type="button" class="link" onClick={() => void removeItem(item.candidateId, item.label)}>
                    Retirer<span class="visually-hidden"> « {item.label} » de la liste</span>
                  </button>
                  {!item.withdrawn && <AddToListButton candidateId={item.candidateId} label={item.label} onAdded={onChanged} />}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Aucun profil dans cette liste.</p>
          )
        }
      </Loaded>
      {dialog === 'rename' && <RenameListDialog list={list} onClose={() => setDialog(null)} onDone={onChanged} />}
      {dialog === 'delete' && <DeleteListDialog list={list} onClose={() => setDialog(null)} onDone={onChanged} />}
    </article>
  );
}

function RenameListDialog({ list, onClose, onDone }: { list: CvthequeListSummary; onClose: () => void; onDone: () => void }) {
  const form = useForm({ id: `rename-${list.id}`, fields: ['name'] });
  async function submit(event: Event) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget as HTMLFormElement).get('name') ?? '');
    const renamed = await form.run(() => api.renameCvthequeList(list.id, name));
    if (renamed) {
      announce(`Liste renommée « ${renamed.name} ».`);
      onClose();
      onDone();
    }
  }
  return (
    <Dialog title={`Renommer la liste « ${list.name} »`} onClose={onClose}>
      <form onSubmit={submit} noValidate ref={form.ref}>
        <div class="field">
          <label for={`rename-${list.id}-name`}>Nouveau nom</label>
          <input id={`rename-${list.id}-name`} name="name" defaultValue={list.name} maxLength={80} autoComplete="off" aria-required="true" {...form.control('name')} />
          {form.message('name')}
        </div>
        {form.summary()}
        <DialogButtons onCancel={onClose}>
          <button {...form.submit}>Renommer</button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

function DeleteListDialog({ list, onClose, onDone }: { list: CvthequeListSummary; onClose: () => void; onDone: () => void }) {
  const action = useAction();
  async function confirm() {
    const done = await action.run(async () => {
      await api.deleteCvthequeList(list.id);
      return true;
    });
    if (done) {
      announce(`Liste « ${list.name} » supprimée.`);
      onClose();
      onDone();
    }
  }
  return (
    <Dialog title={`Supprimer la liste « ${list.name} » ?`} onClose={onClose}>
      <p>
        La liste et ses {plural(list.itemCount, 'profil', 'profils')} disparaissent pour toute votre entreprise. Les profils restent dans la CVthèque.
      </p>
      <ErrorNote error={action.error} />
      <DialogButtons onCancel={onClose}>
        <button type="button" class="danger" aria-busy={action.busy ? 'true' : undefined} onClick={() => void confirm()}>
          Supprimer la liste
        </button>
      </DialogButtons>
    </Dialog>
  );
}

// ---- Saved searches -----------------------------------------------------------------------------------------

function SavedSearchesSection() {
  const searches = useResource(() => api.savedSearches(), []);
  return (
    <section aria-labelledby="searches-title">
      <h2 id="searches-title">Mes recherches enregistrées</h2>
      <p class="muted">Avec l’alerte, vous recevez un e-mail quand de nouveaux profils correspondent à la recherche (au plus un par jour).</p>
      <Loaded resource={searches} label="Chargement des recherches…">
        {(data) =>
          data.items.length ? (
            <ul class="cards">
              {data.items.map((search) => (
                <li key={search.id} class="card">
                  <SavedSearchCard search={search} onChanged={() => void searches.reload()} />
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Aucune recherche enregistrée : lancez une recherche dans la CVthèque, un matching, ou les candidats compatibles d’une offre, puis « Enregistrer la recherche ».</Empty>
          )
        }
      </Loaded>
    </section>
  );
}

function SavedSearchCard({ search, onChanged }: { search: SavedSearch; onChanged: () => void }) {
  const toggle = useAction();
  const [alert, setAlert] = useState(search.alert);
  const [confirming, setConfirming] = useState(false);
  const id = `search-${search.id}`;
  async function switchAlert(on: boolean) {
    setAlert(on);
    const saved = await toggle.run(() => api.updateSavedSearch(search.id, { alert: on }));
    if (saved) announce(on ? `Alerte activée pour « ${search.name} ».` : `Alerte coupée pour « ${search.name} ».`);
    else setAlert(!on);
  }
  return (
    <>
      <h3 id={`${id}-title`}>{search.name}</h3>
      <p class="muted">{KIND_LABEL[search.kind]}</p>
      <p>{search.summary}</p>
      <div class="actions">
        <a class="button" href={search.link}>
          Relancer<span class="visually-hidden"> la recherche « {search.name} »</span>
        </a>
        <label class="choice" for={`${id}-alert`}>
          <input type="checkbox" role="switch" id={`${id}-alert`} checked={alert} aria-busy={toggle.busy ? 'true' : undefined} onChange={(e) => void switchAlert((e.currentTarget as HTMLInputElement).checked)} />
          Alerte par e-mail<span class="visually-hidden"> pour « {search.name} »</span>
        </label>
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          Supprimer<span class="visually-hidden"> la recherche « {search.name} »</span>
        </button>
      </div>
      <ErrorNote error={toggle.error} />
      {confirming && <DeleteSearchDialog search={search} onClose={() => setConfirming(false)} onDone={onChanged} />}
    </>
  );
}

function DeleteSearchDialog({ search, onClose, onDone }: { search: SavedSearch; onClose: () => void; onDone: () => void }) {
  const action = useAction();
  async function confirm() {
    const done = await action.run(async () => {
      await api.deleteSavedSearch(search.id);
      return true;
    });
    if (done) {
      announce(`Recherche « ${search.name} » supprimée.`);
      onClose();
      onDone();
    }
  }
  return (
    <Dialog title={`Supprimer la recherche « ${search.name} » ?`} onClose={onClose}>
      <p>{search.alert ? 'Son alerte s’arrête aussitôt.' : 'Vous pourrez toujours refaire cette recherche.'}</p>
      <ErrorNote error={action.error} />
      <DialogButtons onCancel={onClose}>
        <button type="button" class="danger" aria-busy={action.busy ? 'true' : undefined} onClick={() => void confirm()}>
          Supprimer la recherche
        </button>
      </DialogButtons>
    </Dialog>
  );
}

// ---- For the other CVthèque pages -----------------------------------------------------------------------

/** « Enregistrer la recherche »: a dialog with its name and the alert. `search`: what the page looks for (its kind, criteria, offer, threshold). */
export function SaveSearchButton({ search }: { search: SearchToSave }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        Enregistrer la recherche
      </button>
      {open && <SaveSearchDialog search={search} onClose={() => setOpen(false)} />}
    </>
  );
}

function SaveSearchDialog({ search, onClose }: { search: SearchToSave; onClose: () => void }) {
  const form = useForm({ id: 'save-search', fields: ['name', 'alert'] });
  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const saved = await form.run(() => api.saveSearch({ ...search, name: String(data.get('name') ?? ''), alert: data.get('alert') === 'on' }));
    if (saved) {
      announce(`Recherche « ${saved.name} » enregistrée${saved.alert ? ', avec son alerte par e-mail' : ''}. Retrouvez-la dans « Listes et alertes ».`, true);
      onClose();
    }
  }
  return (
    <Dialog title="Enregistrer la recherche" onClose={onClose}>
      <form onSubmit={submit} noValidate ref={form.ref}>
        <div class="field">
          <label for="save-search-name">Nom de la recherche</label>
          <input id="save-search-name" name="name" maxLength={80} autoComplete="off" aria-required="true" {...form.control('name')} />
          {form.message('name')}
        </div>
        <div class="field">
          <label class="choice" for="save-search-alert">
            <input type="checkbox" id="save-search-alert" name="alert" {...form.control('alert', 'save-search-alert-hint')} />
            M’envoyer un e-mail quand de nouveaux profils correspondent
          </label>
          <p class="hint" id="save-search-alert-hint">
            Au plus un e-mail par jour, seulement s’il y a du nouveau. Vous pourrez couper l’alerte à tout moment.
          </p>
          {form.message('alert')}
        </div>
        {form.summary()}
        <DialogButtons onCancel={onClose}>
          <button {...form.submit}>Enregistrer</button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

/**
 * « Ajouter à une liste »: choose one of the company's lists, or name a new one. The lists are read
 * before the dialog opens, so it opens with the focus on its first field. `onAdded`: the page refreshes.
 */
export function AddToListButton({ candidateId, label, onAdded }: { candidateId: string; label?: string; onAdded?: () => void }) {
  const load = useAction();
  const [lists, setLists] = useState<CvthequeListSummary[] | null>(null);
  async function open() {
    const data = await load.run(() => api.cvthequeLists());
    if (data) setLists(data.items);
  }
  return (
    <>
      <button type="button" class="secondary" aria-busy={load.busy ? 'true' : undefined} onClick={() => void open()}>
        Ajouter à une liste{label ? <span class="visually-hidden"> : {label}</span> : null}
      </button>
      <ErrorNote error={load.error} />
      {lists && (
        <AddToListDialog
          candidateId={candidateId}
          lists={lists}
          onClose={() => setLists(null)}
          onAdded={() => {
            setLists(null);
            onAdded?.();
          }}
        />
      )}
    </>
  );
}

const NEW_LIST = 'new';

function AddToListDialog({ candidateId, lists, onClose, onAdded }: { candidateId: string; lists: CvthequeListSummary[]; onClose: () => void; onAdded: () => void }) {
  const form = useForm({ id: 'add-to-list', fields: ['listId', 'name'] });
  const [selected, setSelected] = useState<string>(lists[0]?.id ?? NEW_LIST);
  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const done = await form.run(async () => {
      const list = selected === NEW_LIST ? await api.createCvthequeList(String(data.get('name') ?? '')) : lists.find((l) => l.id === selected)!;
      const answer = await api.addToCvthequeList(list.id, candidateId);
      return { name: list.name, added: answer.added };
    });
    if (done) {
      announce(done.added ? `Profil ajouté à la liste « ${done.name} ».` : `Ce profil était déjà dans la liste « ${done.name} ».`, true);
      onAdded();
    }
  }
  return (
    <Dialog title="Ajouter à une liste" onClose={onClose}>
      <form onSubmit={submit} noValidate ref={form.ref}>
        <div class="field">
          <label for="add-to-list-list">Liste</label>
          <select id="add-to-list-list" name="listId" onChange={(e) => setSelected((e.currentTarget as HTMLSelectElement).value)} {...form.control('listId')}>
            {lists.map((l) => (
              <option key={l.id} value={l.id} selected={l.id === selected}>
                {l.name} ({plural(l.itemCount, 'profil', 'profils')})
              </option>
            ))}
            <option value={NEW_LIST} selected={selected === NEW_LIST}>
              Nouvelle liste…
            </option>
          </select>
          {form.message('listId')}
        </div>
        {selected === NEW_LIST && (
          <div class="field">
            <label for="add-to-list-name">Nom de la nouvelle liste</label>
            <input id="add-to-list-name" name="name" maxLength={80} autoComplete="off" aria-required="true" {...form.control('name')} />
            {form.message('name')}
          </div>
        )}
        {form.summary()}
        <DialogButtons onCancel={onClose}>
          <button {...form.submit}>Ajouter</button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
