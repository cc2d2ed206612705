/**
 * Choosing a project: the recent list, the native folder dialog in Electron, and a path field
 * (the only way in browser mode, which has no folder dialog).
 */
import { Button, Callout, Card, FormGroup, H4, InputGroup, NonIdealState, Spinner, Tag } from '@blueprintjs/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ProjectSummary } from '../../../../shared/api';
import { ApiCallError, apiQueryKey, useApiMutation, useApiQuery } from '../../api';
import { toHumanError } from '../../errors';
import { MessageText, ExactName } from '../../components';

/** A quick check before asking the main process, which validates properly. */
function pathHint(path: string): string | null {
  const trimmed = path.trim();
  if (trimmed === '') return null;
  if (trimmed.startsWith('/') || trimmed.startsWith('~') || /^[A-Za-z]:[\\/]/.test(trimmed) || trimmed.startsWith('\\\\')) return null;
  return 'Type the full path, starting with / (or ~ for your home folder).';
}

export function ProjectPicker({ onOpened }: { onOpened: (project: ProjectSummary) => void }) {
  const queryClient = useQueryClient();
  const info = useApiQuery('app.info', {});
  const recent = useApiQuery('projects.recent', {});
  const [path, setPath] = useState('');
  const open = useApiMutation('projects.open', { onSuccess: onOpened });
  const pick = useApiMutation('projects.pickFolder', {
    onSuccess: ({ path: picked }) => {
      if (picked !== null) open.mutate({ path: picked });
    },
  });
  const forget = useApiMutation('projects.forget', {
    onSuccess: (list) => queryClient.setQueryData(apiQueryKey('projects.recent', {}), list),
  });

  const hint = pathHint(path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() === '' || hint !== null) return;
    open.mutate({ path: path.trim() });
  };
  const failed = open.error instanceof ApiCallError ? open.error.apiError : null;
  const suggestion = failed?.code === 'NOT_A_PROJECT' || failed?.code === 'INVALID_INPUT' ? failed.details?.suggestion : undefined;
  const electron = info.data?.mode === 'electron';

  return (
    <div className="project-picker" data-testid="project-picker">
      <NonIdealState
        icon="folder-open"
        title="Open an Astro project"
        description="Airlock checks the project's secrets-backend setup (Dockerfile, .env, requirements.txt), edits the backend kwargs, and shows which connections and variables your DAGs use."
      />
      <Card className="project-picker-card">
        {electron ? (
          <Button
            intent="primary"
            icon="folder-open"
            text="Open folder…"
            loading={pick.isPending}
            onClick={() => pick.mutate({})}
            data-testid="pick-folder"
          />
        ) : null}
        <form onSubmit={submit} className="project-path-form">
          <FormGroup
            label={electron ? 'Or type the folder path' : 'Project folder'}
            labelFor="project-path"
            helperText={hint ?? (electron ? undefined : 'Browser mode has no folder dialog: type the path of the folder that holds the Dockerfile and .astro/config.yaml.')}
            intent={hint !== null ? 'warning' : 'none'}
          >
            <InputGroup
              id="project-path"
              value={path}
              onValueChange={setPath}
              placeholder="/home/you/my-astro-project"
              leftIcon="folder-close"
              spellCheck={false}
              autoComplete="off"
              className="mono"
              data-testid="project-path"
              rightElement={<Button type="submit" variant="minimal" text="Open" icon="arrow-right" loading={open.isPending} disabled={path.trim() === '' || hint !== null} data-testid="open-project" />}
            />
          </FormGroup>
        </form>
        {open.error !== null || pick.error !== null ? (
          <Callout intent={open.error?.apiError.code === 'NOT_A_PROJECT' ? 'warning' : 'danger'} title={toHumanError(open.error ?? pick.error).title} data-testid="open-error">
            <p><MessageText text={toHumanError(open.error ?? pick.error).detail} /></p>
            {typeof suggestion === 'string' ? (
              <Button size="small" icon="folder-open" text={`Open ${suggestion}`} onClick={() => open.mutate({ path: suggestion })} data-testid="open-suggestion" />
            ) : null}
          </Callout>
        ) : null}
      </Card>
      <Card className="project-picker-card">
        <H4>Recent projects</H4>
        {recent.isPending ? <Spinner size={20} /> : null}
        {recent.data?.length === 0 ? <p className="muted">Projects you open appear here.</p> : null}
        <ul className="recent-projects" data-testid="recent-projects">
          {(recent.data ?? []).map((project) => (
            <li key={project.path} className="recent-project">
              <Button
                variant="minimal"
                icon="folder-close"
                alignText="start"
                disabled={!project.available}
                onClick={() => open.mutate({ path: project.path })}
                data-testid="recent-project"
              >
                <span className="recent-name">{project.name ?? 'Unknown project'}</span>
                <ExactName wrap="truncate" className="mono muted recent-path" text={project.path} />
              </Button>
              {!project.available ? <Tag minimal intent="warning">not found</Tag> : null}
              <Button variant="minimal" size="small" icon="cross" aria-label={`Forget ${project.path}`} onClick={() => forget.mutate({ path: project.path })} />
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
