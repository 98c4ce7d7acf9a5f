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
