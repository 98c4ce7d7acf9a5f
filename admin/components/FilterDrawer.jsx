// AdminJS's filter drawer, its fields named by their labels and its close button by what it does
// (admin/components/accessible-names.js). Closed, it is out of the page for everyone: AdminJS only
// slides it aside, where the keyboard and screen readers still found its fields.
import React, { useRef } from 'react';
import { useFilterDrawer } from 'adminjs';
import { labelFields, nameIconButtons, useDomFix } from './accessible-names.js';

const FilterDrawer = ({ OriginalComponent, ...props }) => {
  const ref = useRef(null);
  const { isVisible } = useFilterDrawer();
  useDomFix(ref, (root) => {
    labelFields(root);
    nameIconButtons(root, { 'button[type="button"]': 'Fermer les filtres' });
  });
  return (
    <div ref={ref} style={isVisible ? undefined : { visibility: 'hidden' }} data-testid="filter-drawer">
      <OriginalComponent {...props} />
    </div>
  );
};

export default FilterDrawer;
