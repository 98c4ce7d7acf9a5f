// « Conditions d’utilisation » (/conditions): short and plain, with the version a sign-up accepts
// (TERMS_VERSION, stored on the account with the time it was accepted).
import { TERMS_VERSION } from '../../workflows/account-rules.js';
import { Page } from './ui.js';
import './self-service.css';

export default function Terms() {
  return (
    <Page title="Conditions d’utilisation" lead={`Version ${TERMS_VERSION}. Ce que Tremplin fait, ce que vous vous engagez à faire, et ce que deviennent vos données.`}>
      <div class="card terms">
        <h2>Ce qu’est Tremplin</h2>
        <p>
          Tremplin met en relation des personnes en situation de handicap qui cherchent un emploi, les référents qui les accompagnent et des entreprises qui recrutent. La
          plateforme est gratuite pour toutes et tous.
        </p>
        <h2>Votre compte</h2>
        <ul>
          <li>Vous donnez des informations exactes sur vous et, si vous recrutez, sur votre entreprise : l’équipe de la plateforme les vérifie avant d’activer un compte recruteur.</li>
          <li>Votre mot de passe est personnel. Si vous pensez qu’une autre personne le connaît, changez-le ou demandez un lien depuis « Mot de passe oublié ? ».</li>
          <li>Vous pouvez demander la suppression de votre compte à tout moment.</li>
        </ul>
        <h2>Recruter sur Tremplin</h2>
        <ul>
          <li>Vos offres décrivent un emploi réel, sans condition discriminatoire (loi du 27 mai 2008, article L1132-1 du Code du travail) ; elles sont relues avant publication.</li>
          <li>Vous ne demandez jamais aux candidats d’informations sur leur santé ou leur handicap, et vous n’utilisez leurs données que pour le recrutement concerné.</li>
          <li>Vous répondez à chaque candidature : une réponse négative est accompagnée d’un message au candidat et à son référent.</li>
        </ul>
        <h2>Vos données</h2>
        <ul>
          <li>Nous gardons ce qui est nécessaire au suivi des candidatures et à la sécurité des comptes, et rien n’est vendu ni cédé.</li>
          <li>Une information sur la santé ou le handicap n’est visible que des personnes qui vous accompagnent, jamais dans les journaux techniques.</li>
          <li>Vous pouvez consulter, corriger ou faire supprimer vos données (RGPD) en écrivant à l’équipe de la plateforme.</li>
        </ul>
        <h2>Quand ces conditions changent</h2>
        <p>Une nouvelle version porte une nouvelle date ; elle vous est présentée avant de s’appliquer à vous.</p>
      </div>
      <p>
        <a href="/inscription">Inscrire mon entreprise</a> · <a href="/connexion">Se connecter</a>
      </p>
    </Page>
  );
}
