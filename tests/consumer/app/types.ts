// Type-checked by build.mjs (tsc --noEmit, never run): each entry's
// declarations, resolved through the package's exports map, say what the
// API takes and gives.
import init, { install, websocket, type CloseEvent, type MessageEvent, type Socket } from "pyws";
import initPython, { install as installPython } from "pyws/python";
import "pyws/brython";
import "pyws/pyscript";

export async function check(interpreter: object): Promise<string> {
  await init();
  await initPython();
  install(interpreter);
  installPython(interpreter);
  const ws: Socket = websocket("ws://127.0.0.1/echo", ["chat"], { maxQueue: 16, reconnect: { delay: 0.5, maxDelay: 10 } });
  ws.on_message = (event: MessageEvent) => console.log(event.data);
  ws.on_close = (event: CloseEvent) => console.log(event.code, event.wasClean, event.unsent);
  ws.bind("reconnect", (event) => console.log(event.attempt, event.delay), 1);
  ws.send(new Uint8Array([1, 2]));
  // @ts-expect-error: only strings and bytes can be sent
  ws.send(42);
  // @ts-expect-error: an unknown event
  ws.bind("opened", () => {}, 0);
  const opened: true | CloseEvent = await ws.opened();
  const next = await ws.recv();
  await ws.drain(1 << 20);
  ws.close(1000, "done");
  const closed: CloseEvent = await ws.waitClosed();
  return `${opened} ${next.type === "message" ? next.data : next.code} ${closed.reason} ${ws.readyState}`;
}
