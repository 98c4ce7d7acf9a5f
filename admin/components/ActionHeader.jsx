// The header of every resource and record page (AdminJS's `ActionHeader`, overridden): the page is
// headed by what it shows — the list's name (« Entreprises »), the record's name (« Verrerie du Rhône »)
// — never by the action's (« Liste », « Voir »); the action, when it is not the plain view, is the
// line above. The tab's title says the same (admin/components/page-title.js).
import React, { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Badge, Box, ButtonGroup, H1, Text } from '@adminjs/design-system';
import { Breadcrumbs, actionHref, buildActionClickHandler, buildActionTestId, useActionResponseHandler, useFilterDrawer, useModal, useTranslation } from 'adminjs';
import { setPageTitle } from './page-title.js';

/** The actions as buttons (AdminJS's own `actionsToButtonGroup`, which it does not export; no nesting here). */
const buttonsOf = (actions, params, handleClick, translateAction) =>
  actions.map((action) => {
    const href = actionHref(action, params);
    return {
      icon: action.icon,
      label: translateAction(action.label, params.resourceId),
      variant: action.variant,
      source: action,
      href: href || undefined,
      onClick: href ? handleClick : undefined,
      'data-testid': buildActionTestId(action),
      'data-css': `${action.resourceId}-${action.name}-button`,
      buttons: [],
    };
  });

const ActionHeader = (props) => {
  const { resource, actionPerformed, record, action, tag, omitActions, toggleFilter: filterButton } = props;
  const translateFunctions = useTranslation();
  const { translateButton, translateAction, translateLabel } = translateFunctions;
  const navigate = useNavigate();
  const location = useLocation();
  const actionResponseHandler = useActionResponseHandler(actionPerformed);
  const modalFunctions = useModal();
  const { toggleFilter, filtersCount } = useFilterDrawer();

  const resourceName = translateLabel(resource.name, resource.id);
  const actionName = translateAction(action.label, resource.id);
  const subject = record ? record.title || resourceName : resourceName;
  // The plain view of a record or a list is named by what it shows; any other action adds its name.
  const plain = ['show', 'list'].includes(action.name);
  useEffect(() => {
    setPageTitle(plain ? [subject, record ? resourceName : null] : [actionName, subject, record ? resourceName : null]);
  }, [subject, actionName, resourceName, plain]);

  if (action.hideActionHeader) return null;

  const params = { resourceId: resource.id, recordId: record && record.id };
  const handleClick = (event, source) =>
    buildActionClickHandler({ action: source, params, actionResponseHandler, navigate, location, translateFunctions, modalFunctions })(event);
  const buttons = buttonsOf(
    record ? record.recordActions.filter((a) => a.name !== action.name) : resource.resourceActions.filter((a) => a.name === 'new' && a.name !== action.name),
    params,
    handleClick,
    translateAction,
  );
  if (filterButton) {
    buttons.push({
      label: translateButton(filtersCount > 0 ? 'filterActive' : 'filter', resource.id, { count: filtersCount }),
      onClick: toggleFilter,
      icon: 'Filter',
      'data-css': `${resource.id}-filter-button`,
    });
  }

  return (
    <Box className="adminjs_ActionHeader" data-css={`${resource.id}-${action.name}-action-header`}>
      {!action.showInDrawer && (
        <Box flex flexDirection="row" px={['default', 0]}>
          <Breadcrumbs resource={resource} actionName={action.name} record={record} />
        </Box>
      )}
      <Box display={['block', action.showInDrawer ? 'block' : 'flex']}>
        <Box mt={action.showInDrawer ? '' : 'lg'} flexGrow={1} px={['default', 0]}>
          {plain ? null : (
            <Text as="p" color="grey100" mb="sm" data-testid="action-name">
              {actionName}
            </Text>
          )}
          <Box flex flexDirection="row" alignItems="baseline">
            <H1 fontSize="h2" lineHeight="xl" mt="0" mb="lg" data-testid="page-heading">
              {subject}
            </H1>
            {tag ? (
              <Badge variant="default" outline ml="default" title="Nombre d’éléments">
                {tag}
              </Badge>
            ) : null}
          </Box>
        </Box>
        {!omitActions && (
          <Box mt="xl" mb={action.showInDrawer ? 'xl' : 'default'} flexShrink={0}>
            <ButtonGroup buttons={buttons} />
          </Box>
        )}
      </Box>
    </Box>
  );
};

export default ActionHeader;
