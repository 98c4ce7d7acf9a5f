// One workflow action (verify, reject, approve, refuse…) or account action, confirmed by a button that
// POSTs it: a GET never changes anything. When the action needs a reason, a text area asks for it.
// The server answers with the workflow's refusal as an error notice when the workflow refuses.
import React, { useState } from 'react';
import { Box, Button, FormGroup, FormMessage, H3, Label, MessageBox, Text, TextArea } from '@adminjs/design-system';
import { ApiClient, useActionResponseHandler, useTranslation } from 'adminjs';

const api = new ApiClient();

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
      <H3>{title}</H3>
      <Text mb="lg">{record.title}</Text>
      {custom.description ? <Text mb="xl">{custom.description}</Text> : null}
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
