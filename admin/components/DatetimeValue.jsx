// A date of the back office's lists and records (AdminJS's datetime and date properties, overridden),
// written like every other date here: French, Paris time (admin/components/format.js).
import React from 'react';
import { ValueGroup } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import { formatDate } from './format.js';

const DatetimeValue = (props) => {
  const { property, record, where } = props;
  const { translateProperty } = useTranslation();
  const raw = record.params[property.path];
  // A calendar day (type "date") stays a day: its first ten characters, whatever time came with it.
  const value = formatDate(property.type === 'date' && typeof raw === 'string' ? raw.slice(0, 10) : raw);
  if (where === 'list') return <span>{value}</span>;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{value}</ValueGroup>;
};

export default DatetimeValue;
