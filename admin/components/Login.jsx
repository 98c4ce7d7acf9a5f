// The back office's sign-in page: French, labelled fields (autocomplete for password managers), the
// error announced to screen readers, and nothing loaded from outside the platform.
import React, { useEffect } from 'react';
import { Box, Button, FormGroup, H2, Input, Label, MessageBox, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import { setPageTitle } from './page-title.js';

const Login = () => {
  const { action, errorMessage } = window.__APP_STATE__ || {};
  const { translateMessage } = useTranslation();
  useEffect(() => setPageTitle(['Connexion']), []);
  const message = errorMessage ? (errorMessage.split(' ').length > 1 ? errorMessage : translateMessage(errorMessage)) : null;
  return (
    <Box flex variant="grey" alignItems="center" justifyContent="center" flexDirection="column" height="100%">
      <Box as="main" bg="white" p="x3" width={[1, 2 / 3, '440px']} boxShadow="login">
        <Box as="form" action={action} method="POST">
          <H2>Back-office Tremplin</H2>
          <Text mb="xl">Réservé aux administrateurs de la plateforme.</Text>
          {message ? (
            <Box my="lg" role="alert">
              <MessageBox message={message} variant="danger" />
            </Box>
          ) : null}
          <FormGroup>
            <Label htmlFor="login-email" required>Adresse e-mail</Label>
            <Input id="login-email" name="email" type="email" autoComplete="username" required width="100%" />
          </FormGroup>
          <FormGroup>
            <Label htmlFor="login-password" required>Mot de passe</Label>
            <Input id="login-password" name="password" type="password" autoComplete="current-password" required width="100%" />
          </FormGroup>
          <Text mt="xl" textAlign="center">
            <Button variant="contained" type="submit">Se connecter</Button>
          </Text>
        </Box>
      </Box>
    </Box>
  );
};

export default Login;
