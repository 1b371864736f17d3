// The demo page's behaviour, on the pyws core's plain-JavaScript API.
import init, { websocket } from "/pkg/pyws.js";

const $ = (id) => document.getElementById(id);
const echoUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/echo`;
$("url").value = echoUrl;

function log(kind, text) {
  const item = document.createElement("li");
  item.className = kind;
  const tag = document.createElement("span");
  tag.className = "tag";
  tag.textContent = kind;
  item.append(tag, document.createTextNode(text)); // text, never HTML
  $("log").append(item);
  item.scrollIntoView({ block: "nearest" });
}

function show(state) {
  $("state").textContent = state;
  $("state").dataset.state = state;
  const open = state === "open";
  $("send").disabled = $("send-binary").disabled = $("close").disabled = !open;
  $("connect").disabled = state === "open" || state === "connecting";
}

await init();
let socket = null;

$("connect").onclick = () => {
  try {
    socket = websocket($("url").value);
  } catch (err) {
    log("error", `${err.name}: ${err.message}`);
    return;
  }
  show("connecting");
  socket.on_open = () => { show("open"); log("info", `connected to ${socket.url}`); };
  socket.on_message = (evt) => typeof evt.data === "string"
    ? log("received", evt.data)
    : log("received", `${evt.data.length} bytes: [${Array.from(evt.data).join(", ")}]`);
  socket.on_error = () => { show("error"); log("error", "the connection failed"); };
  socket.on_close = (evt) => { show("closed"); log("info", `closed (code ${evt.code}${evt.reason ? `, ${evt.reason}` : ""})`); };
};
$("send").onclick = () => { socket.send($("message").value); log("sent", $("message").value); };
$("send-binary").onclick = () => {
  const bytes = new TextEncoder().encode($("message").value);
  socket.send(bytes);
  log("sent", `${bytes.length} bytes: [${Array.from(bytes).join(", ")}]`);
};
$("close").onclick = () => { show("closing"); socket.close(); };
show("closed");
document.body.dataset.ready = "true";
