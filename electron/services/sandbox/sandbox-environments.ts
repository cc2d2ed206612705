import { sandboxAccessKeys, sandboxDevAccountId, sandboxProdAccountId } from './sandbox-principals';

/**
 * The sandbox's two built-in environments: a dev and a prod account (in different regions, as
 * teams often have them), each with its own keys, so the app can offer them as the profiles
 * `sandbox-dev` and `sandbox-prod` next to today's `sandbox` (the default account).
 */
export interface SandboxEnvironment {
  /** The environment's label in example data and in the workload identity's name. */
  readonly name: 'dev' | 'prod';
  /** The built-in profile name the app offers for it. */
  readonly profileName: 'sandbox-dev' | 'sandbox-prod';
  readonly accountId: string;
  readonly region: string;
  readonly production: boolean;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export const sandboxEnvironments: readonly SandboxEnvironment[] = [
  {
    name: 'dev',
    profileName: 'sandbox-dev',
    accountId: sandboxDevAccountId,
    region: 'us-east-1',
    production: false,
    credentials: { accessKeyId: sandboxAccessKeys.dev.accessKeyId, secretAccessKey: sandboxAccessKeys.dev.secretAccessKey },
  },
  {
    name: 'prod',
    profileName: 'sandbox-prod',
    accountId: sandboxProdAccountId,
    region: 'eu-west-1',
    production: true,
    credentials: { accessKeyId: sandboxAccessKeys.prod.accessKeyId, secretAccessKey: sandboxAccessKeys.prod.secretAccessKey },
  },
];
