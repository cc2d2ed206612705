/**
 * The one review of a change across environments (promote, promote as a template, delete): every
 * target with its account, region, what changes (field names only) and the `aws secretsmanager`
 * command, and for each production target that would change, a box for its account id (its name
 * when the account is unknown), the rule the main process checks again before sending anything.
 */
import { HTMLTable, InputGroup, Tag } from '@blueprintjs/core';
import type { PromoteResult, PromoteTarget } from '../../../../shared/api';
import type { ApiCallError } from '../../api';
import { CommandBlock, ErrorCallout, ExactName } from '../../components';

const typedForm = (text: string): string => text.replace(/[\s-]/g, '');

/** True when applying would change this target. */
export function changesTarget(target: PromoteTarget): boolean {
  return target.action === 'create' || target.action === 'update' || target.action === 'delete';
}

/** True when every production target that would change has its account id typed. */
export function productionConfirmed(targets: readonly PromoteTarget[], typed: Readonly<Record<string, string>>): boolean {
  return targets.every((target) => !target.production || !changesTarget(target) || typedForm(typed[target.environment] ?? '') === typedForm(target.account ?? target.environment));
}

/** The confirmations as the main process reads them. */
export function confirmationsOf(typed: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(typed).map(([name, text]) => [name, typedForm(text)]));
}

function ChangeText({ target, verb }: { target: PromoteTarget; verb: 'write' | 'delete' }) {
  const name = target.secretName === null ? null : <ExactName as="code" text={target.secretName} />;
  if (target.problem !== null) return <span>{target.problem}</span>;
  switch (target.action) {
    case 'unchanged':
      return <span>{verb === 'delete' ? 'already scheduled for deletion' : 'already the same'}</span>;
    case 'absent':
      return <span>nothing to delete: {name ?? 'the id'} is not there</span>;
    case 'delete':
      return <span>delete {name}</span>;
    case 'create':
    case 'update':
      return (
        <span>
          {target.action} {name}: {target.changedFields.join(', ')}
        </span>
      );
    case 'blocked':
      return <span>cannot be changed</span>;
    default: {
      const never: never = target.action;
      throw new Error(`Unknown action ${String(never)}`);
    }
  }
}

export function CrossEnvironmentReview({ targets, typed, onTyped, verb }: { targets: readonly PromoteTarget[]; typed: Readonly<Record<string, string>>; onTyped: (next: Readonly<Record<string, string>>) => void; verb: 'write' | 'delete' }) {
  return (
    <HTMLTable compact className="promote-review" data-testid="promote-review">
      <thead>
        <tr>
          <th>Environment</th>
          <th>Account · region</th>
          <th>Change</th>
          <th>Command</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((target) => (
          <tr key={target.environment} data-testid="promote-target" data-environment={target.environment} data-action={target.action}>
            <td>
              {target.environment} {target.production ? <Tag intent="warning" minimal>production</Tag> : null}
            </td>
            <td>
              {target.account ?? 'account unknown'} · {target.region ?? '?'}
            </td>
            <td>
              <ChangeText target={target} verb={verb} />
              {target.production && changesTarget(target) ? (
                <InputGroup
                  small
                  placeholder={`Type ${target.account ?? target.environment} to ${verb} in production`}
                  value={typed[target.environment] ?? ''}
                  onChange={(event) => onTyped({ ...typed, [target.environment]: event.target.value })}
                  autoComplete="off"
                  spellCheck={false}
                  data-testid="promote-confirm"
                />
              ) : null}
            </td>
            <td>{target.command === null ? '—' : <CommandBlock commands={[target.command]} />}</td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}

/** Under a promote's or a delete's review: which environments got it, and what failed on the way. */
export function CrossEnvironmentOutcome({ result, errors }: { result: PromoteResult | null; errors: readonly (ApiCallError | null)[] }) {
  return (
    <>
      {result !== null ? <p data-testid="promote-result">{result.summary}</p> : null}
      {errors.map((error, index) => (error === null ? null : <ErrorCallout key={index} error={error} />))}
    </>
  );
}
