// Names for what AdminJS leaves unnamed, given once the DOM is there (and again whenever it changes):
// the filters' and forms' fields are not tied to their label (the label says `for="filter-email"`, the
// field has no such id; react-select fields have none), the pagination's arrows are bare icons. Used by
// our overrides of AdminJS's filter drawer, list and forms (FilterDrawer.jsx, ListAction.jsx,
// RecordForm.jsx), which render AdminJS's own components inside.
import { useEffect } from 'react';

const PAGINATION = { first: 'Première page', previous: 'Page précédente', next: 'Page suivante', last: 'Dernière page' };
const CONTROLS = 'input:not([type="hidden"]), select, textarea';
const named = (el) => el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') || (el.id && el.ownerDocument.querySelector(`label[for="${CSS.escape(el.id)}"]`));

let labels = 0;

/** Each property's fields are named by its label (each by its own, when it has as many: a date range). */
export function labelFields(root) {
  root.querySelectorAll('[data-testid^="property-filter-"], [data-testid^="property-edit-"]').forEach((group) => {
    const groupLabels = [...group.querySelectorAll('label')];
    const fields = [...group.querySelectorAll(CONTROLS)].filter((field) => !named(field));
    if (!groupLabels.length || !fields.length) return;
    fields.forEach((field, i) => {
      const label = groupLabels.length === fields.length ? groupLabels[i] : groupLabels[0];
      if (!label.id) label.id = `tremplin-label-${(labels += 1)}`;
      field.setAttribute('aria-labelledby', label.id);
    });
  });
}

/** The pagination's buttons by what they do; the current page said as such. */
export function namePagination(root) {
  root.querySelectorAll('.adminjs_Pagination button').forEach((button) => {
    const testId = button.getAttribute('data-testid') || '';
    const name = PAGINATION[testId] || (testId.startsWith('page-') ? `Page ${testId.slice(5)}` : null);
    if (name && button.getAttribute('aria-label') !== name) button.setAttribute('aria-label', name);
    const current = button.className.includes('current');
    if (current && button.getAttribute('aria-current') !== 'page') button.setAttribute('aria-current', 'page');
    if (!current && button.hasAttribute('aria-current')) button.removeAttribute('aria-current');
  });
}

/** Buttons showing an icon only, named from `names` (CSS selector → name). */
export function nameIconButtons(root, names) {
  Object.entries(names).forEach(([selector, name]) => {
    root.querySelectorAll(selector).forEach((button) => {
      if (!button.textContent.trim() && !button.hasAttribute('aria-label')) button.setAttribute('aria-label', name);
    });
  });
}

/** Runs `fix(root)` now and whenever elements come and go under the ref's element. */
export function useDomFix(ref, fix) {
  useEffect(() => {
    const root = ref.current;
    if (!root) return undefined;
    fix(root);
    const observer = new MutationObserver(() => fix(root));
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
}
