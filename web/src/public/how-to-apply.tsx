// « Postuler » for a reader who is not signed in: candidates do not sign themselves up (seed 001: a
// référent registers them), so the panel explains both ways in — sign in, or ask one's référent. A
// public offer (« Postuler à cette offre ») and a public company page (« Candidature spontanée ») share it.
import { useRef, useState } from 'preact/hooks';
import { loginPathFor } from '../links.js';

/** `button`: the toggle's text; `back`: where sign-in comes back to; `signIn`, `then`: the two ways in, worded for the page. */
export function HowToApply({ button, back, signIn, then }: { button: string; back: string; signIn: string; then: string }) {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLHeadingElement>(null);
  function toggle() {
    if (open) return setOpen(false);
    setOpen(true);
    setTimeout(() => panel.current?.focus(), 0);
  }
  return (
    <>
      <div class="actions">
        <button type="button" aria-expanded={open ? 'true' : 'false'} aria-controls="postuler" onClick={toggle}>
          {button}
        </button>
      </div>
      <section id="postuler" class="card apply-how" aria-labelledby="postuler-title" hidden={!open}>
        <h2 id="postuler-title" tabIndex={-1} ref={panel}>
          Comment postuler
        </h2>
        <p>Sur Tremplin, chaque candidat est accompagné par un référent, qui l’aide à préparer sa candidature et la suit avec lui.</p>
        <p>
          <strong>Vous avez un compte ?</strong>{' '}
          <a class="button" href={loginPathFor(back)}>
            {signIn}
          </a>
        </p>
        <p>
          <strong>Pas encore de compte ?</strong> Demandez à votre référent (Cap emploi, Mission locale, France Travail…) de vous inscrire : il crée
          votre compte, vous recevez un e-mail pour choisir votre mot de passe, puis {then}.
        </p>
      </section>
    </>
  );
}
