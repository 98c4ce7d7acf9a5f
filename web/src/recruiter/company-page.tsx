// « Mon entreprise »: the company's settings (name, sector, size, address; the SIREN is shown, corrected
// by the platform's team only), its public page — description in a small rich-text editor, website and
// social links, advantages, spontaneous applications — its logo and banner (previewed as the public will
// see them), « Aperçu » (the page as the public will read it) and « Publier ».
import type { Editor } from '@tiptap/core';
import type { ComponentProps } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { de } from '../../../workflows/glossary.js';
import { api, type CompanyPage } from '../api.js';
import { SOCIAL_LABELS } from '../company-links.js';
import { CompanyView } from '../company-view.js';
import { useForm } from '../forms.js';
import { ApiError } from '../api.js';
import { announce, Dialog, DialogButtons, ErrorNote, Loaded, Loading, Page, useAction, useResource } from '../ui.js';
import type { RichTextEditor as Editor_ } from './rich-text.js';

/** The editor (Tiptap and ProseMirror, most of this page's weight) loads with this page only. */
let loadedEditor: typeof Editor_ | undefined;
function RichTextEditor(props: ComponentProps<typeof Editor_>) {
  const [component, setComponent] = useState(() => loadedEditor);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (component) return;
    import('./rich-text.js').then(
      (module) => setComponent(() => (loadedEditor = module.RichTextEditor)),
      () => setError(new ApiError(0, 'CHUNK', 'L’éditeur n’a pas pu se charger : vérifiez votre connexion puis rechargez la page.')),
    );
  }, []);
  if (error) return <ErrorNote error={error} />;
  if (!component) return <Loading label="Chargement de l’éditeur…" />;
  const Component = component;
  return <Component {...props} />;
}

const NETWORKS = Object.keys(SOCIAL_LABELS);
const PAGE_FIELDS = ['description', 'website', ...NETWORKS.map((n) => `socialLinks.${n}`), 'advantages', 'spontaneousApplications'];
/** A refusal about one advantage (« advantages.3 ») is shown under the list. */
const ADVANTAGE_ALIAS = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`advantages.${i}`, 'advantages']));

export function CompanyPageEditor() {
  const resource = useResource(() => api.companyPage(), []);
  return (
    <Page title="Mon entreprise" lead="Les informations de votre entreprise et sa page publique, que les candidats et leurs référents lisent sans compte.">
      <Loaded resource={resource} label="Chargement de votre entreprise…">
        {(page) => (
          <>
            <PublicationStatus page={page} />
            <PageForm key={page.version} page={page} onSaved={resource.set} />
            <Images page={page} onSaved={resource.set} />
            <SettingsForm page={page} onSaved={resource.set} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function PublicationStatus({ page }: { page: CompanyPage }) {
  return (
    <section class="card" aria-labelledby="publication-title">
      <h2 id="publication-title">Publication</h2>
      <p data-return-focus tabIndex={-1}>
        {page.published ? (
          <>
            <span class="badge">Publiée</span> Tout le monde peut la lire, sans compte : <a href={page.publicPath}>voir la page publique</a>.
          </>
        ) : (
          <>
            <span class="badge">Non publiée</span> Seuls les recruteurs de l’entreprise la voient. Relisez-la avec « Aperçu », puis « Publier ».
          </>
        )}
      </p>
    </section>
  );
}

function PageForm({ page, onSaved }: { page: CompanyPage; onSaved: (page: CompanyPage) => void }) {
  const form = useForm({ id: 'page', fields: PAGE_FIELDS, alias: ADVANTAGE_ALIAS });
  const formRef = useRef<HTMLFormElement | null>(null);
  const editor = useRef<Editor | null>(null);
  const [description, setDescription] = useState(page.description ?? '');
  const [preview, setPreview] = useState<ReturnType<typeof read> | null>(null);

  /** What the form holds now, as the API takes it. */
  function read() {
    const data = new FormData(formRef.current!);
    const value = (k: string) => String(data.get(k) ?? '').trim();
    return {
      description: description || null,
      website: value('website') || null,
      socialLinks: Object.fromEntries(NETWORKS.map((n) => [n, value(`social-${n}`) || null])),
      advantages: value('advantages')
        .split('\n')
        .map((a) => a.trim())
        .filter(Boolean),
      spontaneousApplications: data.get('spontaneousApplications') === 'on',
    };
  }

  async function save(published: boolean) {
    const saved = await form.run(() => api.saveCompanyPage({ ...read(), published, version: page.version }));
    if (!saved) return;
    announce(
      published && !page.published
        ? 'Page publiée : tout le monde peut la lire.'
        : !published && page.published
          ? 'Page retirée : seuls les recruteurs de l’entreprise la voient.'
          : 'Page enregistrée.',
      true,
    );
    onSaved(saved);
    // The form is drawn again from what was saved: the focus goes to the page's state, not to <body>.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main [data-return-focus]')?.focus());
  }

  return (
    <section class="card" aria-labelledby="page-title">
      <h2 id="page-title">Page publique</h2>
      <form
        ref={(el) => {
          formRef.current = el;
          (form.ref as { current: HTMLFormElement | null }).current = el;
        }}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save(page.published);
        }}
      >
        <div class="field">
          <p id="description-label" class="label">
            Présentation
          </p>
          <RichTextEditor
            id="description"
            labelId="description-label"
            describedBy="description-hint page-description-error"
            initialHtml={page.description}
            invalid={!!form.messageOf('description')}
            onChange={setDescription}
            onReady={(e) => (editor.current = e)}
          />
          <p class="hint" id="description-hint">
            Qui vous êtes, ce que vous faites, comment vous accueillez. Titres, gras, italique et listes ; 5 000 caractères au plus.
          </p>
          {form.message('description')}
        </div>
        <div class="field">
          <label for="website">Site web</label>
          <input id="website" name="website" type="url" inputMode="url" autoComplete="url" defaultValue={page.website ?? ''} {...form.control('website', 'website-hint')} />
          <p class="hint" id="website-hint">
            Adresse complète, commençant par https:// (ex. https://www.exemple.fr).
          </p>
          {form.message('website')}
        </div>
        <fieldset>
          <legend>Réseaux sociaux</legend>
          <div class="grid-2">
            {NETWORKS.map((n) => (
              <div class="field" key={n}>
                <label for={`social-${n}`}>{SOCIAL_LABELS[n]}</label>
                <input id={`social-${n}`} name={`social-${n}`} type="url" inputMode="url" defaultValue={page.socialLinks[n] ?? ''} {...form.control(`socialLinks.${n}`)} />
                {form.message(`socialLinks.${n}`)}
              </div>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for="advantages">Avantages</label>
          <textarea id="advantages" name="advantages" rows={4} defaultValue={page.advantages.join('\n')} {...form.control('advantages', 'advantages-hint')} />
          <p class="hint" id="advantages-hint">
            Un avantage par ligne (12 au plus, 120 caractères chacun) : tickets restaurant, télétravail, accompagnement à la prise de poste…
          </p>
          {form.message('advantages')}
        </div>
        <div class="field">
          <label class="choice">
            <input type="checkbox" name="spontaneousApplications" defaultChecked={page.spontaneousApplications} {...form.control('spontaneousApplications')} />
            Accepter les candidatures spontanées
          </label>
          {form.message('spontaneousApplications')}
        </div>
        {form.summary()}
        <div class="actions">
          <button {...form.submit}>{form.busy ? 'Enregistrement…' : 'Enregistrer'}</button>
          <button type="button" class="secondary" onClick={() => setPreview(read())}>
            Aperçu
          </button>
          {page.published ? (
            <button type="button" class="secondary" onClick={() => void save(false)}>
              Retirer la publication
            </button>
          ) : (
            <button type="button" class="secondary" onClick={() => void save(true)}>
              Publier
            </button>
          )}
        </div>
      </form>
      {preview && (
        <Dialog title={`Aperçu : la page ${de(page.company.name)}`} wide onClose={() => setPreview(null)}>
          <p class="hint">Telle que le public la lira une fois publiée (les changements non enregistrés compris).</p>
          <h3 class="preview-name">{page.company.name}</h3>
          <CompanyView
            level={3}
            idPrefix="preview"
            company={{
              ...page.company,
              ...preview,
              socialLinks: Object.fromEntries(Object.entries(preview.socialLinks).filter((e): e is [string, string] => !!e[1])),
              logo: page.logo,
              banner: page.banner,
            }}
          />
          <DialogButtons onCancel={() => setPreview(null)} cancelLabel="Fermer l’aperçu" />
        </Dialog>
      )}
    </section>
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

function Images({ page, onSaved }: { page: CompanyPage; onSaved: (page: CompanyPage) => void }) {
  return (
    <section class="card" aria-labelledby="images-title">
      <h2 id="images-title">Logo et bannière</h2>
      <p class="hint">JPEG, PNG, WebP, GIF ou AVIF, 4 Mo au plus. L’image est recadrée (logo carré, bannière 1200 × 300) et ses métadonnées (position GPS, appareil…) sont retirées.</p>
      <div class="grid-2">
        <ImageField kind="logo" words={{ add: 'Ajouter un logo', replace: 'Remplacer le logo', remove: 'Retirer le logo', current: 'Logo actuel', done: 'Logo enregistré.', removed: 'Logo retiré.' }} page={page} onSaved={onSaved} />
        <ImageField
          kind="banner"
          words={{ add: 'Ajouter une bannière', replace: 'Remplacer la bannière', remove: 'Retirer la bannière', current: 'Bannière actuelle', done: 'Bannière enregistrée.', removed: 'Bannière retirée.' }}
          page={page}
          onSaved={onSaved}
        />
      </div>
    </section>
  );
}

interface ImageWords {
  add: string;
  replace: string;
  remove: string;
  current: string;
  done: string;
  removed: string;
}

function ImageField({ kind, words, page, onSaved }: { kind: 'logo' | 'banner'; words: ImageWords; page: CompanyPage; onSaved: (page: CompanyPage) => void }) {
  const action = useAction();
  const image = page[kind];
  async function upload(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const saved = await action.run(async () => api.uploadCompanyImage(kind, await toBase64(file), file.name));
    // Emptied, not drawn again: the focus stays on it.
    input.value = '';
    if (saved) {
      announce(words.done);
      onSaved(saved);
    }
  }
  async function remove() {
    const saved = await action.run(() => api.deleteCompanyImage(kind));
    if (saved) {
      announce(words.removed);
      onSaved(saved);
    }
  }
  return (
    <div class="field">
      <label for={`${kind}-file`}>{image ? words.replace : words.add}</label>
      <input id={`${kind}-file`} type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" onChange={upload} aria-describedby={`${kind}-error`} />
      {action.busy && <p role="status">Envoi de l’image…</p>}
      <ErrorNote error={action.error} id={`${kind}-error`} />
      {image ? (
        <>
          <img class={`image-preview ${kind}`} src={image.url} alt={`${words.current} ${de(page.company.name)}`} width={image.width} height={image.height} />
          <button type="button" class="secondary small" onClick={remove}>
            {words.remove}
          </button>
        </>
      ) : (
        <p class="muted">Aucune image pour le moment.</p>
      )}
    </div>
  );
}

function SettingsForm({ page, onSaved }: { page: CompanyPage; onSaved: (page: CompanyPage) => void }) {
  const form = useForm({ id: 'settings', fields: ['name', 'sector', 'size', 'address', 'postalCode', 'city'] });
  const c = page.company;
  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(data.get(k) ?? '').trim();
    const saved = await form.run(() =>
      api.saveCompanySettings({ name: value('name'), sector: value('sector') || null, size: value('size') || null, address: value('address') || null, postalCode: value('postalCode') || null, city: value('city') || null }),
    );
    if (saved) {
      announce('Informations de l’entreprise enregistrées.');
      onSaved(saved);
    }
  }
  const fields: Array<[string, string, string | null, string?]> = [
    ['name', 'Raison sociale (obligatoire)', c.name, 'organization'],
    ['sector', 'Secteur d’activité', c.sector],
    ['size', 'Taille (nombre de salariés)', c.size],
    ['address', 'Adresse', c.address, 'street-address'],
    ['postalCode', 'Code postal', c.postalCode, 'postal-code'],
    ['city', 'Ville', c.city, 'address-level2'],
  ];
  return (
    <section class="card" aria-labelledby="settings-title">
      <h2 id="settings-title">Informations de l’entreprise</h2>
      <p>
        SIREN : <strong>{c.siren}</strong>. <span class="muted">Pour le corriger, écrivez à l’équipe de la plateforme : elle le vérifie avant de le changer.</span>
      </p>
      <form onSubmit={submit} noValidate ref={form.ref}>
        <div class="grid-2">
          {fields.map(([name, label, value, autoComplete]) => (
            <div class="field" key={name}>
              <label for={`settings-${name}`}>{label}</label>
              <input id={`settings-${name}`} name={name} defaultValue={value ?? ''} autoComplete={autoComplete ?? 'off'} {...form.control(name)} />
              {form.message(name)}
            </div>
          ))}
        </div>
        {form.summary()}
        <button {...form.submit}>{form.busy ? 'Enregistrement…' : 'Enregistrer les informations'}</button>
      </form>
    </section>
  );
}
