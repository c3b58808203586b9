import { InvalidEnvironmentError } from '../config/validate-environment';
import { RouteCollisionError } from '../errors/route-methods';

/** An error that lists what to fix in a file, e.g. the declarative routes' `RoutesFileError`. */
interface FileProblems {
  source: string;
  problems: string[];
}

function isFileProblems(error: unknown): error is FileProblems {
  const candidate = error as Partial<FileProblems> | undefined;
  return (
    typeof candidate?.source === 'string' &&
    Array.isArray(candidate.problems) &&
    candidate.problems.every((p) => typeof p === 'string')
  );
}

/**
 * What an operator reads when a gateway cannot start: one line per thing to fix, each naming the variable
 * or the entry (`routes[1] "catalog-product".path: …`), never a stack trace. The messages come from the
 * validators, which never echo a secret's value.
 */
export function startupErrorLines(name: string, error: unknown): string[] {
  if (error instanceof InvalidEnvironmentError)
    return error.problems.map((problem) => `${name}: invalid configuration: ${problem}`);
  if (isFileProblems(error)) return error.problems.map((problem) => `${name}: ${error.source}: ${problem}`);
  if (error instanceof RouteCollisionError) return [`${name}: two routes collide: ${error.message}`];
  const message = error instanceof Error ? error.message : String(error);
  return [`${name}: cannot start: ${message.split('\n')[0]}`];
}
