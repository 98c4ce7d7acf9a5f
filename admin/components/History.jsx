// A process's history (oldest first), read-only: what happened, when (French date, Paris time), who did
// it and their message. States and roles arrive labelled in French from the server (admin/resources.ts
// `withHistory`, from the processes' own labels): no code such as PENDING_MODERATION is shown.
import React from 'react';
import { Box, Label, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { formatDate } from './format.js';

const History = (props) => {
  const { property, record } = props;
  let events = [];
  try {
    events = JSON.parse(record.params[property.path] || '[]');
  } catch (e) {
    events = [];
  }
  return (
    <Box mb="xl" data-testid="history">
      <Label as="h2" id="history-title">Historique</Label>
      {events.length === 0 ? (
        <Text>Aucun événement.</Text>
      ) : (
        <Table aria-labelledby="history-title">
          <TableHead>
            <TableRow>
              <TableCell as="th" scope="col">Date</TableCell>
              <TableCell as="th" scope="col">Événement</TableCell>
              <TableCell as="th" scope="col">État</TableCell>
              <TableCell as="th" scope="col">Par</TableCell>
              <TableCell as="th" scope="col">Message</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((e, i) => (
              <TableRow key={i}>
                <TableCell>{formatDate(e.at)}</TableCell>
                <TableCell>{e.typeLabel}</TableCell>
                <TableCell>{e.fromLabel && e.toLabel && e.fromLabel !== e.toLabel ? `${e.fromLabel} → ${e.toLabel}` : e.toLabel || ''}</TableCell>
                <TableCell>{e.actorLabel}</TableCell>
                <TableCell>{e.message || ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};

export default History;
