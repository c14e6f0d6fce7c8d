// TH console: one page over the HTTP API of th serve. Signed in with a token kept in an
// HttpOnly cookie; changes carry the session's CSRF token. Values are put in the page as text
// only (never as HTML), so a value from the logs cannot run as script.
"use strict";

const state = { session: null, csrf: null, machine: null };
const $ = (id) => document.getElementById(id);
const SECTIONS = ["login", "machines", "machine", "process", "ioas", "uploads"];

function show(id) {
  for (const s of SECTIONS) {
    $(s).hidden = s !== id;
  }
  $("nav").hidden = id === "login";
}

function say(text) {
  $("message").textContent = text || "";
}

async function api(method, path, body, headers) {
  const h = Object.assign({}, headers || {});
  if (method !== "GET" && state.csrf) {
    h["X-CSRF-Token"] = state.csrf;
  }
  const res = await fetch(path, { method, body, headers: h, credentials: "same-origin" });
  const type = res.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) {
    const err = new Error(data && data.detail ? data.detail : method + " " + path + ": " + res.status);
    err.status = res.status;
    throw err;
  }
  return data;
}

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (cls) {
    td.className = cls;
  }
  tr.appendChild(td);
  return td;
}

function link(td, text, onClick) {
  td.textContent = "";
  const a = document.createElement("a");
  a.className = "pivot";
  a.href = "#";
  a.textContent = text;
  a.addEventListener("click", (e) => {
    e.preventDefault();
    onClick();
  });
  td.appendChild(a);
  return a;
}

function body(tableId) {
  const tb = $(tableId).querySelector("tbody");
  tb.textContent = "";
  return tb;
}

function totalText(page, what) {
  let t = page.total + " " + what + (page.total > page.rows.length ? " (first " + page.rows.length + " shown)" : "");
  if (page.note) {
    t += ": " + page.note;
  }
  return t;
}

// --- sign-in ---------------------------------------------------------------------------

async function start() {
  try {
    state.session = await api("GET", "/api/session");
    state.csrf = state.session.csrf;
    signedIn();
  } catch (e) {
    show("login");
  }
}

function signedIn() {
  $("who").textContent = "token " + state.session.id + " (" + state.session.role + ") of " + state.session.clients.join(", ");
  for (const id of ["client-filter", "upload-client"]) {
    const sel = $(id);
    sel.textContent = "";
    if (id === "client-filter") {
      sel.appendChild(new Option("all", ""));
    }
    for (const c of state.session.clients) {
      sel.appendChild(new Option(c, c));
    }
  }
  route();
}

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  say("");
  try {
    state.session = await api("POST", "/api/session", JSON.stringify({ token: $("token").value }),
      { "Content-Type": "application/json" });
    state.csrf = state.session.csrf;
    $("token").value = "";
    location.hash = "#machines";
    signedIn();
  } catch (err) {
    say(err.message);
  }
});

$("signout").addEventListener("click", async () => {
  await api("DELETE", "/api/session");
  state.session = null;
  state.csrf = null;
  show("login");
});

// --- machines ----------------------------------------------------------------------------

async function machines() {
  show("machines");
  const q = $("machine-search").value;
  const client = $("client-filter").value;
  const page = await api("GET", "/api/machines?limit=1000" + (q ? "&q=" + encodeURIComponent(q) : ""));
  const rows = page.rows.filter((m) => !client || m.ClientId === client);
  const tb = body("machines-table");
  for (const m of rows) {
    const tr = document.createElement("tr");
    tr.dataset.muid = m.Muid;
    link(cell(tr, ""), m.MachineName, () => { location.hash = "#machine/" + encodeURIComponent(m.Muid); });
    cell(tr, m.ClientId);
    cell(tr, m.FirstSeen);
    cell(tr, m.LastSeen);
    cell(tr, m.Events);
    tb.appendChild(tr);
  }
  $("machines-total").textContent = rows.length + " machines";
}

$("machine-search").addEventListener("input", () => machines().catch((e) => say(e.message)));
$("client-filter").addEventListener("change", () => machines().catch((e) => say(e.message)));

async function machine(muid) {
  show("machine");
  const base = "/api/machines/" + encodeURIComponent(muid);
  const m = await api("GET", base);
  state.machine = m;
  $("machine-title").textContent = m.MachineName;
  $("machine-meta").textContent = "client " + m.ClientId + " · " + m.Events + " events from " + m.FirstSeen + " to " + m.LastSeen
    + " · Muid " + m.Muid;
  $("machine-report").href = "/api/reports/" + encodeURIComponent(muid);
  $("machine-timeline").src = base + "/timeline.html";
  await executions();
  const ioas = await api("GET", base + "/ioas?limit=1000");
  const tb = body("machine-ioas");
  for (const a of ioas.rows) {
    const tr = document.createElement("tr");
    cell(tr, a.alertDateTime);
    cell(tr, a.severity);
    cell(tr, a.huntingRule);
    cell(tr, a.status);
    tb.appendChild(tr);
  }
}

async function executions() {
  const m = state.machine;
  const p = new URLSearchParams();
  p.set("period", $("exec-period").value || "all");
  if ($("exec-command").value) p.set("command", $("exec-command").value);
  if ($("exec-operation").value) p.set("operation", $("exec-operation").value);
  p.set("limit", "1000");
  const page = await api("GET", "/api/machines/" + encodeURIComponent(m.Muid) + "/executions?" + p.toString());
  processRows("exec-table", page.rows, true);
  $("exec-total").textContent = totalText(page, "executions");
}

function processRows(tableId, rows, withOperation) {
  const tb = body(tableId);
  for (const r of rows) {
    const tr = document.createElement("tr");
    cell(tr, r.DateTime);
    if (withOperation) {
      cell(tr, r.Operation);
    }
    cell(tr, r.ParentFilename);
    const td = cell(tr, r.ChildFilename);
    // a pivot to the process needs its creation in the logs (a thread or kill may name a process started before them)
    if (r.ChildGuid && (!r.Operation || String(r.Operation).toLowerCase() === "create")) {
      link(td, r.ChildFilename || r.ChildGuid, () => { location.hash = "#process/" + encodeURIComponent(r.ChildGuid); });
    }
    cell(tr, r.ChildPid);
    cell(tr, r.CommandLine, "cmd");
    if (withOperation) {
      cell(tr, r.LoggedUser);
    }
    tb.appendChild(tr);
  }
}

$("exec-form").addEventListener("submit", (e) => {
  e.preventDefault();
  executions().catch((err) => say(err.message));
});

// --- process -----------------------------------------------------------------------------

async function process(guid) {
  show("process");
  const base = "/api/processes/" + encodeURIComponent(guid);
  const p = await api("GET", base);
  $("process-title").textContent = p.ChildFilename + " (pid " + p.ChildPid + ")";
  $("process-meta").textContent = p.DateTime + " · " + (p.CommandLine || "") + " · by " + (p.LoggedUser || "?");
  $("process-tree").src = base + "/tree.html";
  const tree = await api("GET", base + "/execution_tree?limit=1000");
  processRows("tree-table", tree.rows, false);
}

// --- IoA triage --------------------------------------------------------------------------

async function ioas() {
  show("ioas");
  const status = $("ioa-status").value;
  const sev = $("ioa-severity").value.trim().toLowerCase();
  const tech = $("ioa-technique").value.trim().toLowerCase();
  const page = await api("GET", "/api/ioas?limit=1000" + (status ? "&status=" + encodeURIComponent(status) : ""));
  const rows = page.rows.filter((a) => (!sev || String(a.severity).toLowerCase() === sev)
    && (!tech || String(a.mitre || "").toLowerCase().includes(tech)));
  const tb = body("ioas-table");
  for (const a of rows) {
    const tr = document.createElement("tr");
    tr.dataset.id = a.id;
    tr.className = "sev-" + String(a.severity).toLowerCase();
    cell(tr, a.alertDateTime);
    cell(tr, a.clientId);
    cell(tr, a.muid);
    cell(tr, a.severity);
    cell(tr, a.huntingRule);
    cell(tr, a.mitre);
    cell(tr, a.status, "status");
    const td = cell(tr, "");
    const sel = document.createElement("select");
    sel.className = "new-status";
    for (const s of ["new", "investigating", "closed"]) {
      sel.appendChild(new Option(s, s, false, s === a.status));
    }
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = "set-status";
    btn.textContent = "Set";
    btn.addEventListener("click", async () => {
      try {
        const r = await api("PATCH", "/api/ioas/" + encodeURIComponent(a.id) + "?status=" + encodeURIComponent(sel.value));
        tr.querySelector("td.status").textContent = r.status;
        say("");
      } catch (err) {
        say(err.message);
      }
    });
    const ex = document.createElement("button");
    ex.type = "button";
    ex.className = "set-excluded";
    ex.textContent = a.excluded ? "Include" : "Exclude";
    ex.addEventListener("click", async () => {
      try {
        const r = await api("PATCH", "/api/ioas/" + encodeURIComponent(a.id) + "?excluded=" + (!a.excluded));
        a.excluded = r.excluded;
        ex.textContent = a.excluded ? "Include" : "Exclude";
        tr.classList.toggle("excluded", a.excluded);
        say("");
      } catch (err) {
        say(err.message);
      }
    });
    td.appendChild(sel);
    td.appendChild(btn);
    td.appendChild(ex);
    tr.classList.toggle("excluded", !!a.excluded);
    tb.appendChild(tr);
  }
  $("ioas-total").textContent = rows.length + " IoAs" + (rows.length < page.total ? " of " + page.total : "");
}

for (const id of ["ioa-status", "ioa-severity", "ioa-technique"]) {
  $(id).addEventListener("change", () => ioas().catch((e) => say(e.message)));
}

// --- uploads -----------------------------------------------------------------------------

async function uploads() {
  show("uploads");
  const page = await api("GET", "/api/uploads?limit=100");
  const tb = body("uploads-table");
  let running = false;
  for (const j of page.rows) {
    const tr = document.createElement("tr");
    tr.dataset.id = j.id;
    cell(tr, j.received);
    cell(tr, j.client);
    cell(tr, j.name);
    cell(tr, j.state + (j.failure ? ": " + j.failure : ""), "state");
    cell(tr, j.progress.eventsStored);
    cell(tr, j.read);
    cell(tr, j.stored);
    cell(tr, j.rejected);
    cell(tr, j.duplicates);
    tb.appendChild(tr);
    running = running || j.state === "queued" || j.state === "ingesting";
  }
  if (running && location.hash === "#uploads") {
    setTimeout(() => uploads().catch((e) => say(e.message)), 1000);
  }
}

$("upload-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = $("upload-file").files[0];
  if (!f) {
    say("choose a file to upload");
    return;
  }
  try {
    await api("POST", "/api/uploads?client=" + encodeURIComponent($("upload-client").value) + "&name=" + encodeURIComponent(f.name),
      f, { "Content-Type": "application/octet-stream" });
    say("");
    await uploads();
  } catch (err) {
    say(err.message);
  }
});

// --- routing -----------------------------------------------------------------------------

function route() {
  const h = location.hash.replace(/^#/, "") || "machines";
  const [view, arg] = [h.split("/")[0], decodeURIComponent(h.split("/").slice(1).join("/"))];
  const run = { machines, ioas, uploads, machine: () => machine(arg), process: () => process(arg) }[view] || machines;
  say("");
  run().catch((e) => {
    if (e.status === 401) {
      show("login");
    }
    say(e.message);
  });
}

window.addEventListener("hashchange", () => {
  if (state.session) {
    route();
  }
});
start();
