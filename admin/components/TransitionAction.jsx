// One workflow action (verify, reject, approve, refuse…) or account action, confirmed by a button that
// POSTs it: a GET never changes anything. When the action needs a reason, a text area asks for it.
// The server answers with the workflow's refusal as an error notice when the workflow refuses. Above
// the form, what the operator reads before deciding (admin/transitions.ts `context`): the offer's text
// and its wording warnings, the person who asked and the official register of companies.
import React, { useState } from 'react';
import { Box, Button, FormGroup, FormMessage, H2, H3, Label, Link, MessageBox, Text, TextArea } from '@adminjs/design-system';
import { ApiClient, useActionResponseHandler, useTranslation } from 'adminjs';

const api = new ApiClient();

const readContext = (record) => {
  try {
    return JSON.parse(record.params.transitionContext || '{}');
  } catch (e) {
    return {};
  }
};

const Context = ({ context }) => {
  const { facts = [], texts = [], warnings } = context;
  return (
    <Box mb="xl" data-testid="transition-context">
      {facts.length ? (
        <Box as="dl" mb="lg">
          {facts.map((fact) => (
            <Box as="div" key={fact.label} mb="default">
              <Text as="dt" fontWeight="bold">{fact.label}</Text>
              <Text as="dd">
                {fact.href ? (
                  <Link href={fact.href} target="_blank" rel="noopener noreferrer">{`${fact.value} (nouvel onglet)`}</Link>
                ) : (
                  fact.value
                )}
              </Text>
            </Box>
          ))}
        </Box>
      ) : null}
      {warnings ? (
        <Box as="section" aria-labelledby="wording-title" mb="lg" data-testid="wording-warnings">
          <H3 id="wording-title" mt="0">Points de vigilance sur la rédaction ({warnings.length})</H3>
          {warnings.length === 0 ? (
            <Text>Aucun point relevé (mention H/F présente, pas de critère discriminant repéré).</Text>
          ) : (
            <ul>
              {warnings.map((w, i) => (
                <Text as="li" key={i} mb="default">
                  {w.message}
                  {w.excerpt ? <> — « {w.excerpt} »</> : null}
                </Text>
              ))}
            </ul>
          )}
        </Box>
      ) : null}
      {texts.map((text) => (
        <Box key={text.label} mb="lg">
          <H3 mt="0">{text.label}</H3>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{text.value}</Text>
        </Box>
      ))}
    </Box>
  );
};

const TransitionAction = (props) => {
  const { action, resource, record } = props;
  const custom = action.custom || {};
  const { translateAction } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const handleResponse = useActionResponseHandler();
  const title = translateAction(action.label, resource.id);
  const fieldId = `reason-${action.name}`;

  const submit = async (event) => {
    event.preventDefault();
    if (custom.reasonRequired && !reason.trim()) {
      setError('Indiquez le motif : il sera transmis par e-mail.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const response = await api.recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        data: custom.reasonLabel ? { reason } : { confirm: 'true' },
      });
      if (response.data.notice && response.data.notice.type === 'error') setError(response.data.notice.message);
      handleResponse(response);
    } catch (e) {
      setError('La requête a échoué : réessayez, ou rechargez la page.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box as="form" onSubmit={submit} variant="white" p="xl" data-testid={`transition-${action.name}`}>
      <H2 mt="0">{title}</H2>
      {custom.description ? <Text mb="xl">{custom.description}</Text> : null}
      <Context context={readContext(record)} />
      {custom.reasonLabel ? (
        <FormGroup error={Boolean(error)}>
          <Label htmlFor={fieldId} required={Boolean(custom.reasonRequired)}>{custom.reasonLabel}</Label>
          <TextArea id={fieldId} name="reason" rows={5} width="100%" value={reason} onChange={(e) => setReason(e.target.value)} />
          {custom.reasonHelp ? <FormMessage>{custom.reasonHelp}</FormMessage> : null}
        </FormGroup>
      ) : null}
      {error ? (
        <Box mb="xl" role="alert">
          <MessageBox variant="danger" message={error} />
        </Box>
      ) : null}
      <Button type="submit" variant={custom.variant || 'contained'} disabled={busy} data-testid="transition-submit">
        {custom.submitLabel || title}
      </Button>
    </Box>
  );
};

export default TransitionAction;
