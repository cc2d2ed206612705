import { describe, expect, it } from 'vitest';
import { displayEndpoint, resolveServiceEndpoint, serviceIds } from '../../../../electron/services/aws/endpoint-resolution';

const services = {
  local: { 'secrets_manager.endpoint_url': 'http://sm.local', 'sts.endpoint_url': 'http://sts.local', 'sso_oidc.endpoint_url': 'http://oidc.local' },
};
const profile = { services: 'local', endpoint_url: 'http://global.local' };

describe('resolveServiceEndpoint (same precedence as the SDK for AWS_PROFILE)', () => {
  it('uses the services section entry for the service id', () => {
    expect(resolveServiceEndpoint(serviceIds.secretsManager, profile, services, {})).toEqual({ ok: true, endpoint: 'http://sm.local' });
    expect(resolveServiceEndpoint(serviceIds.sts, profile, services, {})).toEqual({ ok: true, endpoint: 'http://sts.local' });
    expect(resolveServiceEndpoint(serviceIds.ssoOidc, profile, services, {})).toEqual({ ok: true, endpoint: 'http://oidc.local' });
  });

  it('falls back to the profile endpoint_url for services the section does not list', () => {
    expect(resolveServiceEndpoint(serviceIds.sso, profile, services, {})).toEqual({ ok: true, endpoint: 'http://global.local' });
  });

  it('lets the service variable beat AWS_ENDPOINT_URL, and both beat the files', () => {
    const env = { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://env-sm', AWS_ENDPOINT_URL: 'http://env-all', AWS_ENDPOINT_URL_SSO_OIDC: 'http://env-oidc' };
    expect(resolveServiceEndpoint(serviceIds.secretsManager, profile, services, env)).toEqual({ ok: true, endpoint: 'http://env-sm' });
    expect(resolveServiceEndpoint(serviceIds.sts, profile, services, env)).toEqual({ ok: true, endpoint: 'http://env-all' });
    expect(resolveServiceEndpoint(serviceIds.ssoOidc, profile, services, env)).toEqual({ ok: true, endpoint: 'http://env-oidc' });
  });

  it('ignores every configured endpoint when told to, by env or by profile', () => {
    expect(resolveServiceEndpoint(serviceIds.secretsManager, profile, services, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://env-all' })).toEqual({ ok: true, endpoint: null });
    expect(resolveServiceEndpoint(serviceIds.secretsManager, { ...profile, ignore_configured_endpoint_urls: 'true' }, services, {})).toEqual({ ok: true, endpoint: null });
    // The env variable, when set, wins over the profile setting.
    expect(resolveServiceEndpoint(serviceIds.secretsManager, { ...profile, ignore_configured_endpoint_urls: 'true' }, services, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' })).toEqual({ ok: true, endpoint: 'http://sm.local' });
  });

  it('reports a services reference to a missing section', () => {
    expect(resolveServiceEndpoint(serviceIds.secretsManager, { services: 'gone' }, services, {})).toEqual({ ok: false, missingServicesSection: 'gone' });
  });

  it('is null for a plain profile', () => {
    expect(resolveServiceEndpoint(serviceIds.secretsManager, { region: 'eu-west-1' }, {}, {})).toEqual({ ok: true, endpoint: null });
  });
});

describe('displayEndpoint', () => {
  it('drops user:password from an endpoint and leaves others as written', () => {
    expect(displayEndpoint('https://user:pa55@proxy.local:8443/sm')).toBe('https://proxy.local:8443/sm');
    expect(displayEndpoint('http://127.0.0.1:4566')).toBe('http://127.0.0.1:4566');
  });
});
