/** Problem details (RFC 9457) shared by every door and layer. */
export {
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  type FieldProblem,
  type ProblemDetails,
} from './problem.js';
/** The catalogue of problem types and helpers to raise them. */
export {
  MAX_LISTED_PROBLEMS,
  PROBLEM_TYPES,
  fieldLabel,
  invalidArguments,
  invalidFields,
  problemOf,
  type ProblemType,
} from './problem-types.js';
/** Name, version and folder of the running package. */
export { PACKAGE_NAME, packageInfo, type PackageInfo } from './package-info.js';
/** The HTTP exception filter that renders problems. */
export { ProblemFilter, sendProblem, toProblemException } from './problem.filter.js';
/** JSON body parsing that answers malformed, oversized and non-JSON bodies with problems. */
export {
  MAX_JSON_DEPTH,
  bodyNestsTooDeep,
  jsonBodyMiddleware,
  nestsDeeperThan,
  tooDeepDetail,
} from './body-parsing.js';
/** The global validation pipe and the linear, one-message-per-field checks it shares. */
export {
  RequestValidationPipe,
  createValidationPipe,
  declaredProperties,
  fieldProblemsOf,
  isPlainObject,
  splitDeclared,
  toInstance,
} from './validation.pipe.js';
/** Marks routes that need no credentials. */
export { IS_PUBLIC_KEY, Public } from './public.decorator.js';
/** The authenticated caller and per-tool permission rules. */
export {
  ANONYMOUS,
  UNAUTHENTICATED,
  toolMatcher,
  type AuthMode,
  type Principal,
  type ToolRef,
} from './principal.js';
/** The caller of an HTTP request. */
export { CurrentPrincipal, principalOf } from './current-principal.decorator.js';
/** Request-scoped context (request id) carried through async calls. */
export { currentRequestId, requestContext, type RequestContext } from './request-context.js';
/** Events for the audit trail and metrics. */
export {
  TelemetryHub,
  isSecretName,
  maskArguments,
  type AuthFailureEvent,
  type NautobotRequestEvent,
  type ToolInvocationEvent,
} from './telemetry.js';
/** Shutdown state for the probes. */
export { Lifecycle, SHUTDOWN_MARGIN_MS } from './lifecycle.js';
/** The global module providing TelemetryHub and Lifecycle. */
export { CommonModule } from './common.module.js';
/** Routes public only when a setting says so. */
export { PUBLIC_WHEN_KEY, PublicWhen } from './public-when.decorator.js';
