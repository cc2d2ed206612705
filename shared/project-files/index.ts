/**
 * Pure text transforms for an Astro project's files: the Dockerfile's ENV, `.env` and
 * `requirements.txt`. No I/O: callers read the file, call a setter, show the diff, and write.
 *
 * Every setter changes only the lines it owns and returns the new text; `set*(text, {})` and
 * setting a key to its current value return the text unchanged, byte for byte. The `plan*`
 * variants return problems as data instead of throwing.
 */
export {
  dockerfileValueProblem,
  planDockerfileEnv,
  quoteDockerfileValue,
  readDockerfileEnv,
  setDockerfileEnv,
  type DockerEscapeToken,
  type DockerfileEditPlan,
  type DockerfileEditProblemCode,
  type DockerfileEnvEntry,
  type DockerfileEnvRead,
  type DockerfileProblem,
  type DockerfileProblemCode,
  type DockerfileStage,
} from './dockerfile';
export {
  dotenvLineForAstroLoad,
  dotenvValueProblem,
  planDotenv,
  quoteDotenvValue,
  readDotenv,
  setDotenv,
  type AstroLoadLine,
  type AstroLoadLineProblem,
  type DotenvDuplicate,
  type DotenvEditOptions,
  type DotenvEditPlan,
  type DotenvEditProblemCode,
  type DotenvEntry,
  type DotenvKeyInfo,
  type DotenvProblem,
  type DotenvProblemCode,
  type DotenvQuote,
  type DotenvRead,
} from './dotenv';
export {
  ensureRequirement,
  findRequirement,
  normalizeProjectName,
  parseRequirements,
  planRequirement,
  type RequirementAction,
  type RequirementEntry,
  type RequirementLookup,
  type RequirementPlan,
  type RequirementPlanProblemCode,
  type RequirementsFile,
  type RequirementsInclude,
  type RequirementsOptionLine,
  type RequirementsProblem,
  type RequirementsProblemCode,
} from './requirements';
export type { EditPlan, EditProblem, KeyChange, UnrepresentableReason } from './edit-types';
export type { LineEndingStyle } from './text';

// The rest of the public surface: everything other modules use from these files.
export * from './docker-words';
export * from './text';
