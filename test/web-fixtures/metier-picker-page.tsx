// A page of its own for the browser test of the métier picker (test/web-metier-picker.test.ts), bundled
// by the test and served on the platform's origin by Playwright (no route of the app): the picker as
// the profile form will hold it — starting from a chosen code, at most 3, an error while none is chosen.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import '../../web/src/style.css';
import { MetierPicker } from '../../web/src/metier-picker.js';

function Page() {
  const [codes, setCodes] = useState<string[]>(['K2204']);
  return (
    <main id="main">
      <h1>Sélecteur de métiers</h1>
      <form id="profile" onSubmit={(event) => event.preventDefault()}>
        <MetierPicker
          id="profile"
          name="metiers"
          label="Métiers recherchés"
          max={3}
          value={codes}
          onChange={setCodes}
          error={codes.length ? null : 'Choisissez au moins un métier.'}
        />
        <p>
          Codes : <output id="codes">{codes.join(',')}</output>
        </p>
      </form>
    </main>
  );
}

render(<Page />, document.getElementById('root')!);
