// The plain-JavaScript face: echo one message, show the reply.
import init, { websocket } from "pyws";

export async function main(initArgument) {
  await init(initArgument);
  const ws = websocket(new URL("/echo", location.href).href.replace(/^http/, "ws"));
  ws.on_open = () => ws.send("hello from plain JavaScript");
  ws.on_message = (event) => {
    document.querySelector("#out").textContent = event.data;
    ws.close();
  };
}
