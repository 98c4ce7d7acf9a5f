// A record's workflow, as a link to it in the Temporal UI (list and show views). The base URL comes
// from the property's `custom.temporalUrl` (set on the server from TEMPORAL_UI_URL and the namespace);
// without a workflow id in the record, `custom.prefix` + the record's `custom.idFrom` param (or id)
// names it (an interview belongs to its application's workflow).
import React from 'react';
import { Box, Label, Link, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const WorkflowLink = (props) => {
  const { property, record, where } = props;
  const { translateProperty } = useTranslation();
  const custom = property.custom || {};
  const derivedFrom = custom.idFrom ? record.params[custom.idFrom] : record.id;
  const workflowId = record.params[property.path] || (custom.prefix && derivedFrom ? `${custom.prefix}${derivedFrom}` : null);
  const link = workflowId ? (
    <Link
      href={`${custom.temporalUrl}${encodeURIComponent(workflowId)}`}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="temporal-link"
      title={`Ouvrir le workflow ${workflowId} dans l’interface Temporal (nouvel onglet)`}
    >
      {where === 'list' ? 'Temporal ↗' : `${workflowId} ↗`}
    </Link>
  ) : (
    <Text as="span" color="grey60">aucun</Text>
  );
  if (where === 'list') return link;
  return (
    <Box mb="xl">
      <Label>{translateProperty(property.label, property.resourceId)}</Label>
      <Box>{link}</Box>
    </Box>
  );
};

export default WorkflowLink;
