import { serializationError, validationError } from './service-error';

export type JsonObject = Readonly<Record<string, unknown>>;

interface LengthRule {
  readonly min?: number;
  readonly max?: number;
}

interface ListRule extends LengthRule {
  /** Length rule for each string in the list. */
  readonly item?: LengthRule;
}

interface RangeRule {
  readonly min?: number;
  readonly max?: number;
}

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/** AWS's validation layer names members in lowerCamelCase (`secretId`, `filters.1.member.values`). */
function constraintPath(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkLength(path: string, length: number, rule: LengthRule): void {
  // Values are never echoed back: some members (SecretString, SecretBinary) are secrets.
  if (rule.min !== undefined && length < rule.min) {
    throw validationError(`Value at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${String(rule.min)}`);
  }
  if (rule.max !== undefined && length > rule.max) {
    throw validationError(`Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${String(rule.max)}`);
  }
}

/**
 * Reads the members of one JSON request body the way AWS's JSON protocol does: a member of the
 * wrong JSON type is a SerializationException, a model constraint (required, length, range) is a
 * ValidationException, `null` means absent and unknown members are ignored.
 */
export class InputReader {
  private readonly body: JsonObject;
  private readonly pathPrefix: string;

  constructor(body: JsonObject, pathPrefix = '') {
    this.body = body;
    this.pathPrefix = pathPrefix;
  }

  private path(member: string): string {
    return this.pathPrefix + constraintPath(member);
  }

  private raw(member: string): unknown {
    const value = this.body[member];
    return value === null ? undefined : value;
  }

  has(member: string): boolean {
    return this.raw(member) !== undefined;
  }

  optionalString(member: string, rule: LengthRule = {}): string | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw serializationError(`Expected ${member} to be a string.`);
    checkLength(this.path(member), value.length, rule);
    return value;
  }

  requiredString(member: string, rule: LengthRule = {}): string {
    const value = this.optionalString(member, rule);
    if (value === undefined) throw validationError(`Value null at '${this.path(member)}' failed to satisfy constraint: Member must not be null`);
    return value;
  }

  /** A string limited in UTF-8 bytes rather than characters (AWS sizes secret values in bytes). */
  optionalUtf8String(member: string, rule: LengthRule): string | undefined {
    const value = this.optionalString(member);
    if (value === undefined) return undefined;
    checkLength(this.path(member), Buffer.byteLength(value, 'utf8'), rule);
    return value;
  }

  /** A blob arrives base64-encoded in JSON; the rule applies to the decoded bytes. */
  optionalBlob(member: string, rule: LengthRule): string | undefined {
    const value = this.optionalString(member);
    if (value === undefined) return undefined;
    if (value.length % 4 !== 0 || !base64Pattern.test(value)) throw serializationError(`Expected ${member} to be base64-encoded binary data.`);
    checkLength(this.path(member), Buffer.from(value, 'base64').length, rule);
    return value;
  }

  optionalInteger(member: string, rule: RangeRule = {}): number | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError(`Expected ${member} to be an integer.`);
    if (rule.min !== undefined && value < rule.min) {
      throw validationError(`Value '${String(value)}' at '${this.path(member)}' failed to satisfy constraint: Member must have value greater than or equal to ${String(rule.min)}`);
    }
    if (rule.max !== undefined && value > rule.max) {
      throw validationError(`Value '${String(value)}' at '${this.path(member)}' failed to satisfy constraint: Member must have value less than or equal to ${String(rule.max)}`);
    }
    return value;
  }

  /** Any JSON number (timestamps arrive as epoch seconds with a fraction). */
  optionalNumber(member: string): number | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw serializationError(`Expected ${member} to be a number.`);
    return value;
  }

  optionalBoolean(member: string): boolean | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw serializationError(`Expected ${member} to be a boolean.`);
    return value;
  }

  optionalEnum<T extends string>(member: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(member);
    if (value === undefined) return undefined;
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) {
      throw validationError(`Value '${value}' at '${this.path(member)}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
    }
    return match;
  }

  optionalStringList(member: string, rule: ListRule = {}): string[] | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw serializationError(`Expected ${member} to be a list.`);
    checkLength(this.path(member), value.length, rule);
    return value.map((item: unknown, index) => {
      if (typeof item !== 'string') throw serializationError(`Expected ${member} to be a list of strings.`);
      if (rule.item !== undefined) checkLength(`${this.path(member)}.${String(index + 1)}.member`, item.length, rule.item);
      return item;
    });
  }

  requiredStringList(member: string, rule: ListRule = {}): string[] {
    const value = this.optionalStringList(member, rule);
    if (value === undefined) throw validationError(`Value null at '${this.path(member)}' failed to satisfy constraint: Member must not be null`);
    return value;
  }

  /** A list of structures, each returned as a reader whose paths name its position in the list. */
  optionalObjectList(member: string, rule: LengthRule = {}): InputReader[] | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw serializationError(`Expected ${member} to be a list.`);
    checkLength(this.path(member), value.length, rule);
    return value.map((item: unknown, index) => {
      if (!isJsonObject(item)) throw serializationError(`Expected ${member} to be a list of structures.`);
      return new InputReader(item, `${this.path(member)}.${String(index + 1)}.member.`);
    });
  }

  requiredObjectList(member: string, rule: LengthRule = {}): InputReader[] {
    const value = this.optionalObjectList(member, rule);
    if (value === undefined) throw validationError(`Value null at '${this.path(member)}' failed to satisfy constraint: Member must not be null`);
    return value;
  }
}
