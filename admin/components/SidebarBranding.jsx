// The console's name at the top of the sidebar, a link to the dashboard: not a heading (AdminJS's own is
// an <h1>, so every page had two, the first of them the same everywhere; the page's own is its <h1>).
import React from 'react';
import { Link } from 'react-router-dom';
import { Box, Text } from '@adminjs/design-system';

const SidebarBranding = ({ branding }) => (
  <Box px="xxl" pt="lg" pb="xxl" data-css="sidebar-logo" className="adminjs_Logo">
    <Text as={Link} to="/admin" fontSize="xl" lineHeight="xl" fontWeight="bold" color="grey80" style={{ textDecoration: 'none', display: 'block', textAlign: 'center' }}>
      {branding.companyName}
    </Text>
  </Box>
);

export default SidebarBranding;
