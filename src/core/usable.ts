import type { IServerProblem, IServerStatusInfo } from '../tokens';

/**
 * The one definition of "the server works well enough to call AWS": it
 * answered, and nothing but a version mismatch is wrong (a mismatch is
 * shown, but calls may still work).
 */
export function isUsable(
  info: IServerStatusInfo | null,
  problem: IServerProblem | null
): boolean {
  return !!info && (!problem || problem.kind === 'version');
}
