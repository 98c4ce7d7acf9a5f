// The activity of signUpAttemptWorkflow: tells the owner of an address that someone tried to sign up
// with it, and how to sign in instead. Sent once through the outbox (keyed by the workflow id).
import { QueryTypes } from 'sequelize';
import type { SignUpAttemptInput } from '../workflows/sign-up-attempt.js';
import type { ActivityDeps } from './deps.js';
import { formatParisDateTime } from './ics.js';
import { createMailer, renderMail } from './mail.js';
import { letterBlocks } from './notices.js';

export function createSignUpAttemptActivities(deps: ActivityDeps) {
  const { sequelize, config } = deps;
  const mailer = createMailer(deps);

  return {
    async sendSignUpAttemptNotice(input: SignUpAttemptInput & { workflowId: string }): Promise<'sent' | 'no-account'> {
      const [user] = await sequelize.query<{ email: string; first_name: string }>(
        `SELECT email, first_name FROM users WHERE id = :id AND disabled_at IS NULL`,
        { type: QueryTypes.SELECT, replacements: { id: input.userId } },
      );
      if (!user) return 'no-account';
      const signIn = { label: 'Se connecter à Tremplin', href: `${config.PUBLIC_URL}/connexion` };
      const { text, html } = renderMail(
        letterBlocks(
          user.first_name,
          {
            paragraphs: [
              `Le ${formatParisDateTime(input.at)} (heure de Paris), quelqu’un a demandé à créer un compte recruteur sur Tremplin avec votre adresse e-mail. Vous avez déjà un compte avec cette adresse : aucun nouveau compte n’a été créé, et le vôtre n’a pas changé.`,
              'Si c’était vous, vous n’avez pas besoin d’un nouveau compte : connectez-vous avec cette adresse et votre mot de passe habituel.',
            ],
            closing: [
              `Mot de passe oublié ? Choisissez-en un nouveau depuis ${config.PUBLIC_URL}/mot-de-passe-oublie : un lien vous sera envoyé à cette adresse.`,
              'Si ce n’était pas vous, vous n’avez rien à faire : cette demande ne donne accès à rien.',
            ],
          },
          signIn,
        ),
      );
      await mailer.sendOnce({ key: input.workflowId, to: user.email, subject: 'Tentative d’inscription avec votre adresse e-mail', text, html, workflowId: input.workflowId });
      return 'sent';
    },
  };
}
