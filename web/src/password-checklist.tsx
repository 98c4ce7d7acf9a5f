// The password rule (workflows/account-rules.ts, the same data the API checks) as a checklist that
// follows what is typed: each criterion met or not by a mark and words (never colour alone), and,
// once typing pauses, one polite sentence saying what is still missing.
import { useEffect, useState } from 'preact/hooks';
import { PASSWORD_RULE } from '../../workflows/account-rules.js';
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
