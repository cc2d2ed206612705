/**
 * Settings for the astro CLI: where it is (PATH, or a full path), and the API token entered in
 * Airlock instead of `astro login`.
 */
import { Button, FormGroup, InputGroup, Section, SectionCard, Spinner, Tag } from '@blueprintjs/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AstroStatus } from '../../../../shared/api';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api';
import { useNavigation } from '../../navigation';
import { ErrorCallout, ExactName } from '../../components';
import { AstroTokenForm } from '../deploy';

export function AstroSettings() {
  const queryClient = useQueryClient();
  const { view } = useNavigation();
  // The settings view stays mounted while hidden; the CLI is only run once it is shown.
  const [shown, setShown] = useState(view === 'settings');
  if (view === 'settings' && !shown) setShown(true);
  return (
    <Section title="Astro CLI" subtitle="Airlock runs your astro CLI to read and update a Deployment's variables." compact className="settings-section" data-testid="astro-settings">
      {shown ? (
        <AstroSettingsBody
          onSaved={async (saved: AstroStatus) => {
            // The answer is the new status: shown at once (here and on the Deploy card) instead of
            // after a refetch that runs the CLI again, and never overwritten by an older check
            // still in flight.
            const statusKey = apiQueryKey('deploy.astroStatus', {});
            await queryClient.cancelQueries({ queryKey: statusKey });
            queryClient.setQueryData(statusKey, saved);
          }}
        />
      ) : null}
    </Section>
  );
}

function AstroSettingsBody({ onSaved }: { onSaved: (saved: AstroStatus) => Promise<void> }) {
  const status = useApiQuery('deploy.astroStatus', {}, { staleTime: 60_000, retry: false, refetchOnWindowFocus: false });
  // What the user typed; null shows the saved path.
  const [path, setPath] = useState<string | null>(null);
  const save = useApiMutation('deploy.setAstroPath', {
    onSuccess: async (saved) => {
      await onSaved(saved);
      setPath(null);
    },
  });
  const shownPath = path ?? status.data?.configuredPath ?? '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ path: shownPath.trim() === '' ? null : shownPath.trim() });
  };

  return (
    <>
      <SectionCard>
        {status.isPending ? <Spinner size={20} /> : null}
        {status.data !== undefined ? (
          <p data-testid="astro-settings-found">
            {status.data.binary.found ? (
              <>
                Using <ExactName className="mono" text={status.data.binary.path} /> (astro {status.data.binary.version}){' '}
                <Tag minimal>{status.data.configuredPath === null ? 'found on PATH' : 'set here'}</Tag>
              </>
            ) : (
              status.data.binary.error.message
            )}
          </p>
        ) : null}
        <form className="astro-path-form" onSubmit={submit}>
          <FormGroup
            label="Location of astro"
            labelFor="astro-path"
            helperText="Leave empty to find astro on PATH (and in /opt/homebrew/bin, /usr/local/bin, ~/.local/bin, ~/bin). A path must be absolute."
          >
            <InputGroup id="astro-path" value={shownPath} onValueChange={setPath} placeholder="/usr/local/bin/astro" className="mono" data-testid="astro-path-input" />
          </FormGroup>
          <Button type="submit" icon="floppy-disk" text={shownPath.trim() === '' ? 'Use PATH' : 'Use this path'} loading={save.isPending} data-testid="astro-path-save" />
        </form>
        {save.error !== null ? <ErrorCallout error={save.error} /> : null}
      </SectionCard>
      <SectionCard>{status.data !== undefined ? <AstroTokenForm token={status.data.token} /> : null}</SectionCard>
    </>
  );
}
