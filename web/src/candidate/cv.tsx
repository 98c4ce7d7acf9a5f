// A candidate's CV for an application: pick one of « Mes documents » or add one from the form itself
// (it joins « Mes documents » and is chosen). The apply form and the spontaneous application share it.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api, type CandidateDocument } from '../api.js';
import type { useDraft } from '../drafts.js';
import { DateTime, ErrorNote, Loaded, announce, useAction, useResource } from '../ui.js';

export const KIND_LABEL: Record<CandidateDocument['kind'], string> = { CV: 'CV', COVER_LETTER: 'Lettre de motivation', OTHER: 'Autre document' };
/** The API's bound (5 Mo): checked here too, so a person does not wait for a refused upload. */
const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const ACCEPTED_FILES =
  '.pdf,.docx,.odt,.png,.jpg,.jpeg,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text,image/png,image/jpeg';

export const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo` : `${Math.max(1, Math.round(bytes / 1024))} Ko`;

/** What is wrong with this file before sending it (empty, too big), or null. */
export function fileProblemOf(file: File): ApiError | null {
  if (file.size === 0) return new ApiError(0, 'CLIENT', `Le fichier « ${file.name} » est vide.`);
  if (file.size > MAX_DOCUMENT_BYTES)
    return new ApiError(0, 'CLIENT', `Le fichier « ${file.name} » fait ${sizeLabel(file.size)} : 5 Mo au plus. Réduisez-le (export PDF compressé, image moins grande) puis réessayez.`);
  return null;
}

export const uploadFile = async (kind: CandidateDocument['kind'], file: File) =>
  api.uploadDocument({ kind, filename: file.name, mimeType: file.type || 'application/octet-stream', contentBase64: await toBase64(file) });

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * The CV radio buttons (`name="cv"`, the form reads it) and « Ajouter un CV ». `id`: the form's prefix
 * (`${id}-cv-file`, `${id}-cvDocumentId-error`); `busy` while a CV uploads (the form waits for it).
 */
export function useCvPicker(id: string, draft: ReturnType<typeof useDraft>) {
  const documents = useResource(() => api.myDocuments(), []);
  // The CV chosen by the person (or just added here); none yet: their newest CV.
  const [chosenCv, setChosenCv] = useState<string | undefined>(draft.initial.cv);
  const cvUpload = useAction();
  const [cvProblem, setCvProblem] = useState<ApiError | null>(null);
  const [cvInputKey, setCvInputKey] = useState(0);
  const cvError = cvProblem ?? cvUpload.error;

  /** A CV added from the form itself: uploaded to "Mes documents", then chosen, the form untouched. */
  async function addCv(event: Event) {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    cvUpload.clear();
    const problem = file ? fileProblemOf(file) : null;
    setCvProblem(problem);
    if (!file || problem) return;
    const created = await cvUpload.run(() => uploadFile('CV', file));
    if (created) {
      setChosenCv(created.id);
      draft.put('cv', created.id);
      setCvInputKey((k) => k + 1);
      announce(`CV ajouté à vos documents et joint à cette candidature : ${created.filename}.`);
      void documents.reload();
    }
  }

  const fieldset = (message: JSX.Element) => (
    <fieldset class="field" aria-describedby={`${id}-cvDocumentId-error`}>
      <legend>CV à joindre</legend>
      <Loaded resource={documents} label="Chargement de vos documents…">
        {({ items }) => {
          const cvs = items.filter((d) => d.kind === 'CV');
          const selected = cvs.some((d) => d.id === chosenCv) || chosenCv === '' ? chosenCv : cvs[0]?.id ?? '';
          return (
            <>
              <label class="choice">
                <input type="radio" name="cv" value="" checked={selected === ''} onChange={() => setChosenCv('')} /> Aucun CV
              </label>
              {cvs.map((d) => (
                <label key={d.id} class="choice">
                  <input type="radio" name="cv" value={d.id} checked={selected === d.id} onChange={() => setChosenCv(d.id)} /> {d.filename} (ajouté le{' '}
                  <DateTime iso={d.createdAt} date />)
                </label>
              ))}
            </>
          );
        }}
      </Loaded>
      <div class="field">
        <label for={`${id}-cv-file`}>Ajouter un CV</label>
        <input
          key={cvInputKey}
          id={`${id}-cv-file`}
          type="file"
          accept={ACCEPTED_FILES}
          aria-describedby={`${id}-cv-hint ${id}-cv-error`}
          aria-invalid={cvError ? 'true' : undefined}
          disabled={cvUpload.busy}
          onChange={addCv}
        />
        <p class="hint" id={`${id}-cv-hint`}>
          {cvUpload.busy ? 'Envoi du CV…' : 'Il rejoint vos documents et est joint à cette candidature. PDF, Word (.docx), OpenDocument (.odt), PNG ou JPEG ; 5 Mo au plus.'}
        </p>
        <ErrorNote error={cvError} id={`${id}-cv-error`} />
      </div>
      {message}
    </fieldset>
  );

  return { busy: cvUpload.busy, fieldset };
}
