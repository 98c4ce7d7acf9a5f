// A spontaneous application: to a verified company rather than to one of its offers (POST
// /api/applications {companyId}). The form stands alone so that a company's public page can carry it
// for a signed-in candidate, the company then given (`company`), not chosen.
import { useState } from 'preact/hooks';
import { api, type Me, type VerifiedCompany } from '../api.js';
import { draftKey, useDraft } from '../drafts.js';
import { fieldRefusal, useForm } from '../forms.js';
import { CompanyPicker, usePresetCompany } from '../pickers.js';
import { applyingReaders } from '../readers.js';
import { navigate, type Location } from '../router.js';
import { Page, announce } from '../ui.js';
import { useCvPicker } from './cv.js';

type Chosen = Pick<VerifiedCompany, 'id' | 'name'> & Partial<VerifiedCompany>;

/** `company`: given, not chosen; `preset`: chosen beforehand (a link from the company's page), changeable. */
export function SpontaneousApplyForm({ me, company, preset }: { me: Pick<Me, 'id'>; company?: { id: string; name: string }; preset?: VerifiedCompany | null }) {
  // The API names `offerId` when neither an offer nor a company is given: here, the company is missing.
  const { busy, run, ...form } = useForm({ id: 'spont', fields: ['companyId', 'message', 'cvDocumentId'], alias: { offerId: 'companyId' } });
  const draft = useDraft(draftKey(me.id, 'spontaneous', company?.id ?? 'choice'));
  const [picked, setChosen] = useState<Chosen | null>(
    company ?? (draft.initial.companyId && draft.initial.companyName ? { id: draft.initial.companyId, name: draft.initial.companyName } : null),
  );
  // A company the link chose comes before the draft's (it is read after the first drawing); a choice made here, before both.
  const [touched, setTouched] = useState(false);
  const chosen = (!touched && preset) || picked;
  const cv = useCvPicker('spont', draft);

  function choose(c: VerifiedCompany) {
    setTouched(true);
    setChosen(c);
    draft.put('companyId', c.id);
    draft.put('companyName', c.name);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (cv.busy) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const value = (k: string) => String(data.get(k) ?? '').trim();
    const to = chosen;
    const created = await run(() =>
      to
        ? api.apply({ companyId: to.id, message: value('message') || undefined, cvDocumentId: value('cv') || undefined })
        : Promise.reject(fieldRefusal('companyId', 'Choisissez l’entreprise à qui envoyer votre candidature.')),
    );
    if (created && to) {
      draft.clear();
      announce(
        created.status === 'PENDING_REFERENT_VALIDATION'
          ? `Candidature spontanée envoyée à ${to.name}. Votre référent doit la valider avant qu’elle soit transmise à l’entreprise.`
          : `Candidature spontanée envoyée à ${to.name} : elle est transmise à l’entreprise.`,
        true,
      );
      navigate(`/candidat/candidatures/${created.id}`);
    }
  }

  return (
    <form class="card" onSubmit={submit} onInput={draft.onInput} noValidate ref={form.ref}>
      {company ? (
        <p>
          Entreprise : <strong>{company.name}</strong>
        </p>
      ) : (
        <CompanyPicker spontaneous id="spont" chosen={chosen as VerifiedCompany | null} onChoose={choose} message={form.message('companyId')} invalid={!!form.messageOf('companyId')} />
      )}
      <div class="field">
        <label for="spont-message">Votre message à l’entreprise</label>
        <textarea id="spont-message" name="message" rows={6} defaultValue={draft.initial.message} {...form.control('message', 'spont-message-hint spont-message-readers')} />
        <p class="hint" id="spont-message-hint">
          Le métier qui vous intéresse, ce que vous savez faire, vos disponibilités. Votre brouillon reste dans cet onglet jusqu’à l’envoi.
        </p>
        <p class="hint" id="spont-message-readers">
          {applyingReaders('message', chosen?.name ?? 'l’entreprise choisie')}
        </p>
        {form.message('message')}
      </div>
      {cv.fieldset(form.message('cvDocumentId'))}
      {form.summary()}
      <button {...form.submit} {...(cv.busy ? { 'aria-disabled': 'true' } : {})}>
        {busy ? 'Envoi…' : 'Envoyer ma candidature spontanée'}
      </button>
    </form>
  );
}

/** `?entreprise=<id>`: the company chosen beforehand (« Candidature spontanée » on its public page). */
export function SpontaneousApplyPage({ me, location }: { me: Me; location: Location }) {
  const preset = usePresetCompany(location.query.get('entreprise'));
  return (
    <Page
      title="Candidature spontanée"
      lead="Proposez vos services à une entreprise engagée, même sans offre publiée. Comme vos autres candidatures, elle passe par votre référent, s’il y en a un, avant d’être transmise."
    >
      <p class="back">
        <a href="/candidat">← Mes candidatures</a>
      </p>
      <SpontaneousApplyForm me={me} preset={preset} />
    </Page>
  );
}
