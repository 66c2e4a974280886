/**
 * The protocol between the language server, the VS Code client and the results page: names, parameters,
 * results, notifications and failures, as shapes (data) from which the types are inferred. It imports nothing
 * else of the server, so that the client and the page can import it; nothing here runs anything.
 */
export * from './commands';
export * from './errors';
export * from './notifications';
export * from './results-page';
export { conforms, type Infer, type Shape } from './shape';
