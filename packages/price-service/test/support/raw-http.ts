import { connect } from 'node:net';

/** Sends bytes that fetch refuses to send (control characters, raw non-ASCII) and returns the raw answer. */
export async function rawRequest(
  url: string,
  requestHead: string,
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.end(Buffer.from(requestHead, 'latin1'));
  let text = '';
  for await (const chunk of socket) text += String(chunk);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
  return { status, text };
}
