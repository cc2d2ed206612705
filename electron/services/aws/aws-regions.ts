/**
 * Region names, used only to tell "this region does not exist" apart from "AWS is unreachable" when
 * DNS cannot resolve a regional hostname. A region missing here is still usable; it only changes the
 * wording of that one error.
 */
import { awsRegionPattern, knownRegionNames } from '../../../shared/api';

export const knownRegions: ReadonlySet<string> = new Set(knownRegionNames);

/** Regions an account must enable before use; credentials are "not recognised" there until it does. */
export const optInRegions: ReadonlySet<string> = new Set([
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6',
  'ap-southeast-7', 'ca-west-1', 'eu-central-2', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1',
]);

/** The shape every AWS region name has; one rule for the API schema and the services. */
export const regionPattern = awsRegionPattern;
