// Whether a document's text was read for the CVthèque's search, said in words (never by colour alone):
// in « Mes documents » (to the candidate) and in the référent's view of a candidate's documents.
import type { CandidateDocument } from './api.js';

export const TEXT_READ = 'Texte lu pour la recherche';
export const TEXT_PENDING = 'Lecture du texte en cours';
/** The unreadable notice; `who` is the candidate (« vous ») or the person who follows them. */
export function textUnreadable(kind: CandidateDocument['kind'], who: 'candidate' | 'follower'): string {
  const what = kind === 'CV' ? 'ce CV' : 'ce document';
  const next = who === 'candidate' ? 'Déposez une version texte si vous le pouvez.' : 'La personne peut déposer une version texte (un PDF exporté depuis un traitement de texte, par exemple).';
  return `Texte illisible : ${what} ne pourra pas être trouvé par ses mots (un PDF scanné, par exemple). ${next}`;
}

export function DocumentTextStatus({ document, who }: { document: Pick<CandidateDocument, 'kind' | 'textStatus'>; who: 'candidate' | 'follower' }) {
  if (document.textStatus === 'EXTRACTED') return <span class="text-status">{TEXT_READ}</span>;
  if (document.textStatus === 'UNREADABLE')
    return (
      <span class="text-status text-unreadable">
        <span aria-hidden="true">⚠ </span>
        {textUnreadable(document.kind, who)}
      </span>
    );
  return <span class="text-status muted">{TEXT_PENDING}</span>;
}
