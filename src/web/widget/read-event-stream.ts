/// <reference lib="dom" />
// Reads a `text/event-stream` response body (from a POST, which EventSource cannot send) and hands
// each event to `onEvent` as it arrives.

export interface StreamEvent {
  event: string;
  data: string;
}

/** Splits the text of a stream into complete events; returns the unfinished rest. */
export function parseEventStream(buffer: string, onEvent: (event: StreamEvent) => void): string {
  const normalised = buffer.replace(/\r\n?/g, "\n");
  const blocks = normalised.split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0) onEvent({ event, data: data.join("\n") });
  }
  return rest;
}

export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: StreamEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer = parseEventStream(buffer + decoder.decode(value, { stream: true }), onEvent);
  }
  parseEventStream(`${buffer + decoder.decode()}\n\n`, onEvent);
}
