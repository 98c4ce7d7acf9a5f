// AdminJS's filter drawer, its fields named by their labels and its close button by what it does
// (admin/components/accessible-names.js).
import React, { useRef } from 'react';
import { labelFields, nameIconButtons, useDomFix } from './accessible-names.js';

const FilterDrawer = ({ OriginalComponent, ...props }) => {
  const ref = useRef(null);
  useDomFix(ref, (root) => {
    labelFields(root);
    nameIconButtons(root, { 'button[type="button"]': 'Fermer les filtres' });
  });
  return (
    <div ref={ref}>
      <OriginalComponent {...props} />
    </div>
  );
};

export default FilterDrawer;
