// AdminJS writes its state into every page as inline scripts: `window.REDUX_STATE = ${JSON}` — the
// signed-in admin's name among it — and `window.THEME = ${JSON}` (node_modules/adminjs/lib/frontend/
// layout-template.js); the login page `window.__APP_STATE__ = JSON.parse('${JSON}')` (login-template.js).
// JSON.stringify leaves `<`, `>`, `&`, U+2028 and U+2029 as they are: an admin whose first name was
// `</script><script>…` ended AdminJS's script and ran their own on every page of the back office (and
// a quote in the login page's message broke its script). AdminJS has no hook for its page templates, so
// each page on its way out (admin/assets.ts wraps `res.send`) has those lines read back as JSON and
// written again with these characters escaped as \u003c… — the same string for the browser, no markup
// for the HTML parser. A line is found by how it starts and the value is the rest of it: JSON.stringify
// never writes a line break (U+2028/9 are not one here: only \n splits), so no name can end it early
// or start a line of its own.

const ESCAPED: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JSON that can sit inside an HTML <script>: nothing in it closes the element or starts a comment. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => ESCAPED[char]!);
}

const STATE_LINE = /^(\s*window\.(?:REDUX_STATE|THEME) = )([\s\S]*);\s*$/;
const LOGIN_STATE_LINE = /^(\s*)window\.__APP_STATE__ = JSON\.parse\('([\s\S]*)'\);\s*$/;
const PAGE = /^\s*<!DOCTYPE html>/i;

/** An AdminJS page with its inline state escaped; any other text as it is. Throws if a state line is not JSON. */
export function escapeInlineState(body: string): string {
  if (!PAGE.test(body) || !/window\.(REDUX_STATE|THEME|__APP_STATE__) = /.test(body)) return body;
  return body
    .split('\n')
    .map((line) => {
      const state = STATE_LINE.exec(line);
      if (state) return `${state[1]}${inlineJson(JSON.parse(state[2]!))};`;
      const login = LOGIN_STATE_LINE.exec(line);
      // The login page's state parsed once here rather than by a script from a quoted string.
      if (login) return `${login[1]}window.__APP_STATE__ = ${inlineJson(JSON.parse(login[2]!))};`;
      return line;
    })
    .join('\n');
}
