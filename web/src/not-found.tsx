import type { ApiError } from './api.js';
import { Page } from './ui.js';

export function NotFound({ home }: { home: string }) {
  return (
    <Page title="Page introuvable">
      <p>Cette page n’existe pas, ou elle ne fait pas partie de votre espace.</p>
      <p>
        <a href={home}>Revenir à l’accueil de mon espace</a>
      </p>
    </Page>
  );
}

/** Whether the API's refusal means « nothing here for you » (unknown, someone else's, a malformed id). */
export const isMissing = (error: ApiError | undefined) => !!error && (error.status === 404 || error.status === 400);

/**
 * An entity one may not see, or that does not exist (the API answers both alike): said plainly, with
 * a way back, never a blank page. `what`: « Candidature », « Offre »…
 */
export function Inaccessible({ what, back }: { what: string; back: { href: string; label: string } }) {
  return (
    <Page title={`${what} introuvable ou pas accessible`}>
      <p>Ce lien ne mène à rien que vous puissiez consulter avec ce compte. Il se peut :</p>
      <ul>
        <li>qu’il soit destiné à une autre personne, ou à un autre de vos comptes : déconnectez-vous puis connectez-vous avec le compte qui a reçu le message ;</li>
        <li>que ce dossier ait été supprimé, ou confié à quelqu’un d’autre ;</li>
        <li>que l’adresse ait été mal recopiée.</li>
      </ul>
      <p>
        <a href={back.href}>← {back.label}</a>
      </p>
    </Page>
  );
}
