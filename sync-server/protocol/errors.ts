/** The one error class of the protocol module: a `code` the caller can act on. */

/** Why a protocol value was refused. */
export type ProtocolErrorCode =
  /** Bytes are not a well-formed v1 bundle. */
  | 'malformed_bundle'
  /** A device-log entry is malformed, badly signed or breaks a rule. */
  | 'invalid_entry'
  /** A device-log entry was built on another head (seq is not last + 1). */
  | 'log_conflict'
  /** A JSON body or query does not have the v1 shape. */
  | 'malformed_message';

/** A protocol value was refused; `message` is for developers, never shown to users. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';

  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
