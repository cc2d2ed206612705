/**
 * apache-airflow-providers-amazon in requirements.txt (and the files it includes) at a version
 * that the backend kwargs in use work with.
 */
import { formatVersion, providerRequirements } from '../../../../shared/airflow';
import type { HealthEvidence, HealthItem, HealthProblem, ProjectChange } from '../../../../shared/api';
import { AMAZON_PROVIDER_PACKAGE } from '../../../../shared/api';
import { isSpecifierSetSatisfiable, specifierGuarantees } from '../../../../shared/pep440';
import { REQUIREMENTS_FILE } from '../requirements-search';
import { lineEvidence, noteEvidence, type HealthContext } from './health-context';

const TITLE = 'Amazon provider in requirements.txt';

export function providerCheck(ctx: HealthContext): HealthItem {
  const minimum = `>=${formatVersion(ctx.providerMinimum)}`;
  const needs = providerRequirements(ctx.effectiveKwargs)
    .filter((requirement) => requirement.kwarg !== null)
    .map((requirement) => requirement.reason);
  const why = needs.length === 0 ? 'The secrets backend reads its AWS settings from the kwargs since 5.1.0.' : `These kwargs need it: ${needs.join(' ')}`;
  const problems: HealthProblem[] = ctx.requirements.notes.map((message) => ({ severity: 'warning', message }));
  const evidence: HealthEvidence[] = [];
  for (const visit of ctx.requirements.visits) {
    if (visit.includedFrom !== null) {
      const includer = ctx.requirements.visits.find((item) => item.file === visit.includedFrom?.file)?.read;
      if (includer !== undefined && includer !== null) evidence.push(lineEvidence(includer, visit.includedFrom.line));
    }
  }
  for (const match of ctx.requirements.matches) {
    const read = ctx.requirements.visits.find((visit) => visit.file === match.file)?.read;
    if (read !== undefined && read !== null) evidence.push(lineEvidence(read, match.entry.line));
  }
  const base = { id: 'provider-package' as const, title: TITLE, evidence, problems, action: null };

  const requirementsFile = ctx.requirements.visits.find((visit) => visit.file === REQUIREMENTS_FILE)?.read;
  if (!requirementsFile?.exists) {
    return {
      ...base,
      status: 'error',
      summary: 'The project has no requirements.txt.',
      explanation: `The Astro Runtime image installs the packages listed in requirements.txt. Add ${AMAZON_PROVIDER_PACKAGE}${minimum} to it. ${why}`,
      evidence: [noteEvidence('requirements.txt does not exist', REQUIREMENTS_FILE)],
      fix: { label: `Create requirements.txt with ${AMAZON_PROVIDER_PACKAGE}${minimum}`, changes: [{ kind: 'requirement', file: REQUIREMENTS_FILE, name: AMAZON_PROVIDER_PACKAGE, specifier: minimum }] },
    };
  }

  const requirementMatches = ctx.requirements.matches.filter((match) => match.kind === 'requirements');
  if (requirementMatches.length === 0) {
    const searched = ctx.requirements.visits.filter((visit) => visit.kind === 'requirements').map((visit) => visit.file);
    return {
      ...base,
      status: 'error',
      summary: `${AMAZON_PROVIDER_PACKAGE} is not required.`,
      explanation: `None of ${searched.join(', ')} requires ${AMAZON_PROVIDER_PACKAGE}, so the version you get is whatever the Astro Runtime image happens to ship. Require ${minimum}. ${why}`,
      fix: { label: `Add ${AMAZON_PROVIDER_PACKAGE}${minimum} to requirements.txt`, changes: [{ kind: 'requirement', file: REQUIREMENTS_FILE, name: AMAZON_PROVIDER_PACKAGE, specifier: minimum }] },
    };
  }
  if (ctx.provider.direct) {
    return {
      ...base,
      status: 'unknown',
      summary: 'Installed from a URL or path.',
      explanation: `The package is installed from a URL or a local path, so Airlock cannot read its version. Make sure it is ${minimum}. ${why}`,
      fix: null,
    };
  }
  const guarantee = specifierGuarantees(ctx.provider.specifier, minimum);
  const location = requirementMatches.map((match) => `${match.file} line ${match.entry.line}`).join(', ');
  // Requirement lines that allow too old a version get their specifier raised. Constraint files
  // are left alone unless they forbid the minimum outright, which needs a person to decide.
  const changes: ProjectChange[] = [];
  for (const file of new Set(requirementMatches.filter((match) => specifierGuarantees(match.entry.specifier, minimum) !== 'yes').map((match) => match.file))) {
    changes.push({ kind: 'requirement', file, name: AMAZON_PROVIDER_PACKAGE, specifier: minimum });
  }
  const constraints = ctx.requirements.matches.filter((match) => match.kind === 'constraints');
  const capped = constraints.filter((match) => match.entry.specifier !== '' && !isSpecifierSetSatisfiable(`${minimum},${match.entry.specifier}`));
  for (const match of capped) {
    problems.push({ severity: 'error', message: `The constraint ${match.entry.specifier} on line ${match.entry.line} of ${match.file} forbids ${minimum}; raise it by hand.` });
  }
  if (capped.length > 0) changes.length = 0;
  switch (guarantee) {
    case 'yes':
      return {
        ...base,
        status: 'ok',
        summary: `${ctx.provider.specifier} meets ${minimum}.`,
        explanation: `Required as ${ctx.provider.specifier} (${location}); every version that allows is ${minimum}. ${why}`,
        fix: null,
      };
    case 'no':
      return {
        ...base,
        status: 'error',
        summary: `${ctx.provider.specifier} allows versions older than ${minimum.slice(2)}.`,
        explanation: `Required as ${ctx.provider.specifier} (${location}), which lets pip install a version below ${minimum.slice(2)}. ${why} With an older version those kwargs are ignored and Airflow quietly looks up every id (or the backend fails to start).`,
        fix: changes.length === 0 ? null : { label: `Require ${minimum}`, changes },
      };
    case 'unknown':
      return {
        ...base,
        status: 'warning',
        summary: ctx.provider.specifier === '' ? 'No version is given.' : `Airlock cannot tell whether ${ctx.provider.specifier} meets ${minimum}.`,
        explanation: `${ctx.provider.specifier === '' ? 'Without a version' : 'With this specifier'}, pip keeps the version the Astro Runtime image ships (or the newest), which Airlock cannot see from here. Require ${minimum} to be sure. ${why}`,
        fix: changes.length === 0 ? null : { label: `Require ${minimum}`, changes },
      };
  }
}
