/**
 * A minimal streaming parser of server-sent events (WHATWG HTML §9.2.6 "Interpreting an
 * event stream"), for streams read with `fetch` (EventSource cannot sign requests). Only
 * the `event` and `data` fields matter to the relay protocol; `id` and `retry` are ignored.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

/** One dispatched event. */
export interface ServerSentEvent {
  /** `event` field; "message" when absent. */
  readonly event: string;
  /** `data` lines joined with "\n". */
  readonly data: string;
}

/**
 * Parses a byte stream of `text/event-stream` into events, as they arrive.
 * Comment lines (`: ping`) are skipped; an event is dispatched on an empty line.
 */
export async function* parseEventStream(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // Lines end with CRLF, LF or CR.
      const lines = buffer.split(/\r\n|\n|\r(?!$)/);
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  } finally {
    // Closes the connection when the consumer stops early; a failed cancel changes nothing.
    await reader.cancel().catch(() => undefined);
  }
}
