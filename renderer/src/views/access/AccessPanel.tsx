/**
 * The access check (issue 14 items 1-3): who Airflow on the Deployment reads as, whether it may
 * read each prefix (and each secret that differs) with the statement that decides, what Airlock
 * could not read, and the least-privilege policies with the exact `aws iam` commands. Airlock
 * never changes IAM: everything here is to copy.
 */
import { Button, Callout, Card, Collapse, HTMLTable, Icon, Spinner, Tag } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { AccessCheck, AccessFinding, AccessReader, DecidingStatement } from '../../../../shared/api';
import { plural } from '../../../../shared/plural';
import { useApiQuery } from '../../api';
import { CommandBlock, ErrorCallout, ExactName, MessageText } from '../../components';
import { OVERALL_ICON, OVERALL_INTENT, OVERALL_TITLE, VERDICT_ICON, VERDICT_INTENT, VERDICT_LABEL } from './verdicts';
import './access.css';

/** One query for the panel, the checklist row and the deploy review: the check is a handful of IAM calls. */
export function useAccessCheck(path: string, kwargsJson: string | null = null) {
  return useApiQuery('access.check', { path, kwargsJson }, { staleTime: 60_000, retry: false, refetchOnWindowFocus: false });
}

export function AccessPanel({ path }: { path: string }) {
  const check = useAccessCheck(path);
  if (check.isPending) {
    return (
      <div className="access-loading" data-testid="access-loading">
        <Spinner size={20} /> Reading IAM, the secrets' policies and the Deployment…
      </div>
    );
  }
  if (check.data === undefined) return <ErrorCallout error={check.error} onRetry={() => void check.refetch()} />;
  return <AccessResult check={check.data} refreshing={check.isFetching} onRefresh={() => void check.refetch()} />;
}

const SOURCE_KIND: Record<DecidingStatement['sourceKind'], string> = {
  identity: 'identity policy',
  boundary: 'permissions boundary',
  resource: 'resource policy',
  key: 'key policy',
  trust: 'trust policy',
  'aws-rule': 'AWS rule',
};

function VerdictTag({ verdict, testId }: { verdict: AccessFinding['verdict']; testId?: string }) {
  return (
    <Tag minimal round icon={VERDICT_ICON[verdict]} intent={VERDICT_INTENT[verdict]} data-testid={testId} data-verdict={verdict} className="access-verdict">
      {VERDICT_LABEL[verdict]}
    </Tag>
  );
}

function Statement({ statement }: { statement: DecidingStatement }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="access-statement" data-testid="access-statement">
      <div className="access-statement-head">
        {statement.effect === null ? null : (
          <Tag minimal intent={statement.effect === 'Deny' ? 'danger' : 'success'} className="access-effect">
            {statement.effect}
          </Tag>
        )}
        {statement.sid === null ? null : <ExactName wrap="never" className="mono access-sid" text={statement.sid} />}
        <span className="muted">
          <MessageText text={statement.sourceKind === 'aws-rule' ? statement.source : `${statement.source} (${SOURCE_KIND[statement.sourceKind]})`} />
        </span>
        {statement.text === null ? null : (
          <Button size="small" variant="minimal" icon={open ? 'chevron-up' : 'code'} text={open ? 'Hide' : 'Statement'} onClick={() => setOpen(!open)} />
        )}
      </div>
      {statement.text === null ? null : (
        <Collapse isOpen={open}>
          <pre className="access-json mono">{statement.text}</pre>
        </Collapse>
      )}
    </div>
  );
}

function Finding({ finding, testId }: { finding: AccessFinding; testId?: string }) {
  return (
    <div className="access-finding" data-testid={testId}>
      <div className="access-finding-line">
        <VerdictTag verdict={finding.verdict} testId={testId === undefined ? undefined : `${testId}-verdict`} />
        <span className="access-summary">
          <MessageText text={finding.summary} />
        </span>
      </div>
      {finding.deciding.length > 0 ? (
        <div className="access-statements">
          {finding.deciding.map((statement, index) => (
            <Statement key={index} statement={statement} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function WhoReads({ reader, trust }: { reader: AccessReader; trust: AccessFinding | null }) {
  const rows: [string, string | null][] = [
    ['Deployment', reader.deployment?.name ?? null],
    [reader.source === 'deployment-keys' ? 'AWS keys on the Deployment' : 'Workload identity', reader.principalArn],
    ['Assumes role_arn', reader.roleArn],
  ];
  return (
    <Card className="access-card" data-testid="access-reader">
      <h3 className="access-heading">
        <Icon icon="person" /> Who reads
      </h3>
      <dl className="access-facts">
        {rows.map(([label, value]) => (
          <div key={label} className="access-fact">
            <dt>{label}</dt>
            <dd>{value === null ? <span className="muted">unknown</span> : <ExactName wrap="separators" className="mono" text={value} />}</dd>
          </div>
        ))}
      </dl>
      {reader.notes.map((note) => (
        <p key={note} className="muted access-note">
          <MessageText text={note} />
        </p>
      ))}
      {trust === null ? null : <Finding finding={trust} testId="access-trust" />}
    </Card>
  );
}

function CopyJson({ title, fileName, text, testId }: { title: string; fileName: string; text: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <div className="access-policy" data-testid={testId}>
      <div className="access-policy-head">
        <strong>{title}</strong>
        <span className="muted">
          save as <ExactName wrap="never" className="mono" text={fileName} />
        </span>
        <Button
          size="small"
          variant="minimal"
          icon={copied ? 'tick' : 'clipboard'}
          text={copied ? 'Copied' : 'Copy'}
          onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true), () => undefined)}
          data-testid={`${testId}-copy`}
        />
      </div>
      <pre className="access-json mono">{text}</pre>
    </div>
  );
}

export function AccessResult({ check, refreshing, onRefresh }: { check: AccessCheck; refreshing: boolean; onRefresh: () => void }) {
  const fix = check.fix;
  return (
    <div className="access-panel" data-testid="access-panel" data-overall={check.overall}>
      <Callout intent={OVERALL_INTENT[check.overall]} icon={OVERALL_ICON[check.overall]} title={OVERALL_TITLE[check.overall]} className="access-headline" data-testid="access-headline">
        <p>
          <MessageText text={check.headline} />
        </p>
        <div className="access-headline-meta">
          <span className="muted">
            Checked as {check.profile} in {check.account ?? 'an unknown account'} ({check.region}), {plural(check.secretsChecked, 'secret')} under the prefixes. Airlock only reads IAM; it never changes it.
          </span>
          <Button size="small" variant="minimal" icon="refresh" text="Check again" loading={refreshing} onClick={onRefresh} data-testid="access-refresh" />
        </div>
      </Callout>

      {check.gaps.length > 0 ? (
        <Callout intent="warning" icon="eye-off" title="What Airlock could not read" className="access-gaps" data-testid="access-gaps">
          <p>These parts say “Could not check”, never “Allowed”. A profile with the permissions named here can check them.</p>
          <ul>
            {check.gaps.map((gap) => (
              <li key={`${gap.what}:${gap.action}`}>
                <ExactName wrap="never" className="mono" text={gap.action} />: <MessageText text={gap.message} />
              </li>
            ))}
          </ul>
        </Callout>
      ) : null}

      <WhoReads reader={check.reader} trust={check.trust} />

      <Card className="access-card" data-testid="access-prefixes">
        <h3 className="access-heading">
          <Icon icon="folder-close" /> Per prefix
        </h3>
        <p className="muted access-note">Each prefix is checked with its prefix-wide ARN pattern, which also covers ids your DAGs use that do not exist yet.</p>
        <HTMLTable compact className="access-table">
          <thead>
            <tr>
              <th>Prefix</th>
              <th>Secrets</th>
              <th>GetSecretValue</th>
            </tr>
          </thead>
          <tbody>
            {check.prefixes.map((prefix) => (
              <tr key={prefix.kind} data-testid={`access-prefix-${prefix.kind}`}>
                <td className="access-prefix-cell">
                  <ExactName wrap="never" className="mono" text={prefix.prefix === '' ? '(no prefix)' : prefix.prefix} />
                  <ExactName wrap="separators" className="mono muted access-pattern" text={prefix.resourcePattern} />
                </td>
                <td className="access-count">{prefix.secretCount}</td>
                <td>
                  <Finding finding={prefix.read} />
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      </Card>

      <Card className="access-card" data-testid="access-secrets">
        <h3 className="access-heading">
          <Icon icon="key" /> Secrets that differ from their prefix
        </h3>
        {check.secrets.length === 0 ? (
          <p className="muted access-note">None: every secret under the prefixes gets its prefix's answer.</p>
        ) : (
          check.secrets.map((secret) => (
            <div key={secret.arn} className={`access-secret access-secret-${secret.verdict}`} data-testid="access-secret" data-name={secret.name}>
              <div className="access-secret-head">
                <VerdictTag verdict={secret.verdict} />
                <ExactName wrap="separators" className="mono access-secret-name" text={secret.name} />
                <Tag minimal icon="lock" title="The KMS key the secret is encrypted with">
                  {secret.key.label}
                </Tag>
                {secret.hasResourcePolicy ? <Tag minimal icon="document">resource policy</Tag> : null}
              </div>
              <div className="access-secret-checks">
                <span className="access-check-label muted">Read</span>
                <Finding finding={secret.read} />
                <span className="access-check-label muted">Decrypt</span>
                <Finding finding={secret.decrypt} />
              </div>
            </div>
          ))
        )}
      </Card>

      {fix === null ? null : (
        <Card className="access-card" data-testid="access-fix">
          <h3 className="access-heading">
            <Icon icon="build" /> Fix it
          </h3>
          <p className="muted access-note">
            The least privilege Airflow's backend needs{fix.principalName === null ? '' : ` for ${fix.principalKind ?? 'the'} ${fix.principalName}`}. Airlock never changes IAM: run these yourself, or hand them to whoever manages IAM.
          </p>
          <CopyJson title="Permissions policy" fileName="airflow-secrets-read.json" text={fix.policyJson} testId="access-fix-policy" />
          {fix.trustPolicyJson === null ? null : <CopyJson title="Trust policy for the workload identity" fileName="airflow-trust-policy.json" text={fix.trustPolicyJson} testId="access-fix-trust" />}
          {fix.commands.length > 0 ? <CommandBlock commands={fix.commands} prompt testId="access-fix-commands" /> : null}
          <ul className="access-fix-notes muted">
            {fix.notes.map((note) => (
              <li key={note}>
                <MessageText text={note} />
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
