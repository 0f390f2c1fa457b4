// Server-Sent Events over fetch(). EventSource cannot send an Authorization header, and the API key
// must never go into a URL, so the console reads the text/event-stream body itself.
// The parts of https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
// the gateway uses: "event" and "data" fields, comments, blank line = dispatch.

/** Yields `{event, data}` for each event of a `text/event-stream` response body, as it arrives. */
export async function* serverSentEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let event = "";
  let data = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      // Lines end in CRLF, LF or a lone CR; a CR at the end of the buffer may be half a CRLF.
      let match;
      while ((match = /\r\n|\n|\r(?!$)/.exec(buffer)) !== null) {
        const line = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        if (line === "") {
          if (data.length > 0) {
            yield { event: event || "message", data: data.join("\n") };
          }
          event = "";
          data = [];
        } else if (!line.startsWith(":")) {
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "event") {
            event = text;
          } else if (field === "data") {
            data.push(text);
          }
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
