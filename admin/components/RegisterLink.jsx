// A company's page in the official register (Annuaire des entreprises), from its SIREN: the URL comes
// with the record (admin/resources.ts), the link opens in a new tab and says so.
import React from 'react';
import { Box, Label, Link, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const RegisterLink = (props) => {
  const { property, record } = props;
  const { translateProperty } = useTranslation();
  const url = record.params[property.path];
  return (
    <Box mb="xl">
      <Label>{translateProperty(property.label, property.resourceId)}</Label>
      {url ? (
        <Link href={url} target="_blank" rel="noopener noreferrer" data-testid="register-link">
          {`Fiche SIREN ${record.params.siren} sur l’Annuaire des entreprises (nouvel onglet)`}
        </Link>
      ) : (
        <Text>—</Text>
      )}
    </Box>
  );
};

export default RegisterLink;
