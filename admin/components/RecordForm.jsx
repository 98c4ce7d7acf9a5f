// AdminJS's record forms (creation and modification), their fields named by their labels (its
// react-select fields had none) and the password's show/hide button by what it does
// (admin/components/accessible-names.js).
import React, { useRef } from 'react';
import { labelFields, nameIconButtons, useDomFix } from './accessible-names.js';

const RecordForm = ({ OriginalComponent, ...props }) => {
  const ref = useRef(null);
  useDomFix(ref, (root) => {
    labelFields(root);
    nameIconButtons(root, { '[data-testid="property-edit-password"] button': 'Afficher ou masquer le mot de passe' });
  });
  return (
    <div ref={ref}>
      <OriginalComponent {...props} />
    </div>
  );
};

export default RecordForm;
