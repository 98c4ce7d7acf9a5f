// The password rule (workflows/account-rules.ts, the same data the API checks) as a checklist that
// follows what is typed: each criterion met or not by a mark and words (never colour alone), and,
// once typing pauses, one polite sentence saying what is still missing.
import { useEffect, useState } from 'preact/hooks';
import { PASSWORD_RULE } from '../../workflows/account-rules.js';
import type { FormState } from './forms.js';
import './self-service.css';

export function PasswordChecklist({ id, password }: { id: string; password: string }) {
  const missing = PASSWORD_RULE.filter((criterion) => !criterion.met(password));
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (!password) return setSaid('');
    // Not at every key: a sentence after a pause.
    const timer = setTimeout(
      () => setSaid(missing.length ? `Mot de passe : il manque ${missing.map((c) => c.label).join(', ')}.` : 'Mot de passe : toutes les règles sont respectées.'),
      800,
    );
    return () => clearTimeout(timer);
  }, [password]);
  return (
    <div class="checklist" id={id}>
      <p class="hint">Le mot de passe doit contenir :</p>
      <ul>
        {PASSWORD_RULE.map((criterion) => {
          const met = criterion.met(password);
          return (
            <li key={criterion.id} class={met ? 'met' : 'unmet'} data-rule={criterion.id}>
              <span class="mark" aria-hidden="true" />
              <span>
                {criterion.label}
                <span class="visually-hidden">{met ? ' : respecté' : ' : pas encore'}</span>
              </span>
            </li>
          );
        })}
      </ul>
      <p class="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
    </div>
  );
}

/**
 * A new password and its confirmation, the checklist under the first: the same on sign-up, reset and
 * « Choisir mon mot de passe ». Each field's refusal under it (`form.message`).
 */
export function NewPasswordFields({ form, name, confirmName, label }: { form: FormState; name: string; confirmName: string; label: string }) {
  const [password, setPassword] = useState('');
  return (
    <>
      <div class="field">
        <label for={name}>{label}</label>
        <input
          id={name}
          name={name}
          type="password"
          autoComplete="new-password"
          aria-required="true"
          onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
          {...form.control(name, 'password-rule')}
        />
        <PasswordChecklist id="password-rule" password={password} />
        {form.message(name)}
      </div>
      <div class="field">
        <label for={confirmName}>{label}, une seconde fois</label>
        <input id={confirmName} name={confirmName} type="password" autoComplete="new-password" aria-required="true" {...form.control(confirmName)} />
        {form.message(confirmName)}
      </div>
    </>
  );
}
