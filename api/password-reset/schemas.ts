// Request and response shapes of the password reset (« Mot de passe oublié ? ») and of the company
// lookup of the sign-up form.
import { z } from 'zod';
import { email, newPassword } from '../companies/schemas.js';

export const passwordResetBody = z.object({ email }).strict().meta({ id: 'PasswordResetRequest' });

export const passwordResetAnswer = z.object({ message: z.string() }).meta({ id: 'PasswordResetAnswer' });

export const passwordResetConfirmBody = z
  .object({
    token: z.string({ error: 'le lien reçu par e-mail est incomplet' }).max(200, 'lien invalide'),
    password: newPassword,
  })
  .strict()
  .meta({ id: 'PasswordResetConfirm' });
