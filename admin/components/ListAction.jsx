// AdminJS's list, its pagination's buttons named (admin/components/accessible-names.js).
import React, { useRef } from 'react';
import { namePagination, useDomFix } from './accessible-names.js';

const ListAction = ({ OriginalComponent, ...props }) => {
  const ref = useRef(null);
  useDomFix(ref, namePagination);
  return (
    <div ref={ref}>
      <OriginalComponent {...props} />
    </div>
  );
};

export default ListAction;
