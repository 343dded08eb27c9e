/**
 * The relay wire contract v1, imported by the relay AND by the app (`app/sync`). Pure
 * TypeScript: nothing from Node, the DOM beyond TextEncoder, or the server.
 */
export * from './base64url';
export * from './bundle-header';
export * from './canonical-json';
export * from './canonical-request';
export * from './constants';
export * from './device-log';
export * from './device-log-rules';
export * from './errors';
export * from './hex';
export * from './ids';
export * from './messages';
export * from './paths';
