/**
 * The AWS SSO (IAM Identity Center) device login: the user starts it, approves the code on AWS's
 * page (opened in the system browser by Electron, shown as a link in browser mode), and the switch
 * that needed the login is retried. Opened by `requestSsoLogin` from anywhere; it is an overlay, so
 * whatever the user was editing stays where it was.
 */
import { AnchorButton, Button, Callout, Classes, Dialog, DialogBody, DialogFooter, Spinner } from '@blueprintjs/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SsoLoginStarted, SsoLoginStatus } from '../../../../shared/api';
import type { ApiError } from '../../../../shared/errors';
import { ApiCallError, apiQueryKey, useApiEvent, useApiFetch, useApiMutation } from '../../api';
import { formatDateTime, MessageText, ExactName } from '../../components';
import { humanizeApiError } from '../../errors';
import { finishSsoLoginRequest, useSsoLoginRequest, type SsoLoginRequest, useSelectProfile } from '../../hooks';

export function SsoLoginDialog() {
  const request = useSsoLoginRequest();
  return request === null ? null : <SsoLoginFlow key={request.id} request={request} />;
}

type Phase = 'intro' | 'starting' | 'waiting' | 'switching';

function SsoLoginFlow({ request }: { request: SsoLoginRequest }) {
  const queryClient = useQueryClient();
  const read = useApiFetch();
  const select = useSelectProfile();
  const begin = useApiMutation('profiles.ssoLogin');
  const abandon = useApiMutation('profiles.cancelSsoLogin');
  const [phase, setPhase] = useState<Phase>('intro');
  const [login, setLogin] = useState<SsoLoginStarted | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const handled = useRef<string | null>(null);
  const { mutateAsync } = select;

  const close = () => {
    if (login !== null && phase === 'waiting') abandon.mutate({ loginId: login.loginId });
    finishSsoLoginRequest(request.id);
  };

  const start = async () => {
    setPhase('starting');
    setError(null);
    try {
      setLogin(await begin.mutateAsync({ name: request.profile }));
      setPhase('waiting');
    } catch (caught) {
      // The hook rejects with the API's error data only; anything else is a bug to surface.
      if (!(caught instanceof ApiCallError)) throw caught;
      setError(caught.apiError);
      setPhase('intro');
    }
  };

  // The event reports the end at once; the status poll below catches it if the event was missed.
  const finished = useCallback(
    (status: SsoLoginStatus) => {
      if (status.loginId !== login?.loginId || status.state === 'pending' || handled.current === status.loginId) return;
      handled.current = status.loginId;
      void queryClient.invalidateQueries({ queryKey: apiQueryKey('profiles.list') });
      if (status.state !== 'succeeded') {
        setError(status.error);
        setPhase('intro');
        return;
      }
      if (request.retry === null) {
        void queryClient.invalidateQueries();
        finishSsoLoginRequest(request.id);
        return;
      }
      setPhase('switching');
      mutateAsync(request.retry).then(
        () => finishSsoLoginRequest(request.id),
        (caught: unknown) => {
          // A switch that needs another login reopens this dialog by itself.
          if (caught instanceof ApiCallError && caught.apiError.code !== 'SSO_LOGIN_REQUIRED') {
            setError(caught.apiError);
            setPhase('intro');
          }
        },
      );
    },
    [login, queryClient, request, mutateAsync],
  );
  useApiEvent('profiles.ssoLoginFinished', finished);
  useEffect(() => {
    if (phase !== 'waiting' || login === null) return;
    const timer = setInterval(() => {
      read('profiles.ssoLoginStatus', { loginId: login.loginId }, { staleTime: 0, gcTime: 0 }).then(finished, () => undefined);
    }, 2_000);
    return () => clearInterval(timer);
  }, [read, phase, login, finished]);

  const page = login === null ? null : (login.verificationUriComplete ?? login.verificationUri);
  return (
    <Dialog isOpen onClose={close} title="Log in to AWS SSO" icon="log-in" canOutsideClickClose={false}>
      {/* Dialog does not pass data attributes on, so a wrapper carries the test id. */}
      <div data-testid="sso-login-dialog">
        <DialogBody>
          {phase === 'intro' || phase === 'starting' ? (
            <>
              <p>
                Profile <strong>{request.profile}</strong> signs in with AWS IAM Identity Center, and its login is missing or has expired.
                Log in once here; the AWS CLI and other tools on this computer share the login.
              </p>
              {error !== null ? (
                <Callout intent="danger" title={humanizeApiError(error).title} data-testid="sso-error"><MessageText text={error.message} /></Callout>
              ) : null}
            </>
          ) : null}
          {phase === 'waiting' && login !== null && page !== null ? (
            <div className="sso-waiting">
              <p>
                {login.openedInBrowser
                  ? 'Your browser shows the AWS sign-in page. Approve the request there.'
                  : 'Open the AWS sign-in page and approve the request there.'}
              </p>
              <div className="sso-code-row">
                <span className={Classes.TEXT_MUTED}>Check that the page shows this code</span>
                <span className="sso-user-code mono" data-testid="sso-user-code">{login.userCode}</span>
              </div>
              {login.openedInBrowser ? null : (
                <AnchorButton href={page} target="_blank" rel="noopener noreferrer" icon="share" intent="primary" text="Open the AWS sign-in page" data-testid="sso-link" />
              )}
              <ExactName as="div" className={`${Classes.TEXT_MUTED} sso-link-text mono`} text={page} />
              <div className="sso-wait-line">
                <Spinner size={16} /> Waiting for approval… the code works until {formatDateTime(login.expiresAt)}.
              </div>
            </div>
          ) : null}
          {phase === 'switching' ? (
            <div className="sso-wait-line">
              <Spinner size={16} /> Logged in. Switching to <strong>{request.retry?.name}</strong>…
            </div>
          ) : null}
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text="Cancel" onClick={close} data-testid="sso-cancel" />
              {phase === 'intro' || phase === 'starting' ? (
                <Button intent="primary" icon="log-in" text={error === null ? 'Log in with SSO' : 'Try again'} loading={phase === 'starting'} onClick={() => void start()} data-testid="sso-start" />
              ) : null}
            </>
          }
        />
      </div>
    </Dialog>
  );
}
