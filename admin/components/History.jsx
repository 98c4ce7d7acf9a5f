// A process's history (oldest first), read-only: what happened, when, who did it and their message.
import React from 'react';
import { Box, Label, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

const when = (iso) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

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
      <Label>Historique</Label>
      {events.length === 0 ? (
        <Text>Aucun événement.</Text>
      ) : (
        <Table>
          <TableHead>
            <TableRow>
              <TableCell>Date</TableCell>
              <TableCell>Événement</TableCell>
              <TableCell>État</TableCell>
              <TableCell>Par</TableCell>
              <TableCell>Message</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((e, i) => (
              <TableRow key={i}>
                <TableCell>{when(e.at)}</TableCell>
                <TableCell>{e.type}</TableCell>
                <TableCell>{e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? `${e.fromStatus} → ${e.toStatus}` : e.toStatus || ''}</TableCell>
                <TableCell>{e.actor ? `${e.actor.firstName} ${e.actor.lastName} (${e.actor.role})` : 'plateforme'}</TableCell>
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
