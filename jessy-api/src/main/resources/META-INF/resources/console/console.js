// The Jessy console (index.html): asks over the SSE stream and draws each event as it arrives,
// keeps the session (follow-ups, history, delete), shows problem+json errors as sentences, and
// polls /api/health for the status strip. `/?q=text` asks on load, in a new session.
import { ApiError, apiKey, call, path } from "./api.js";
import { ConfidenceCurve, dimension, el, interference, iteration, turn } from "./render.js";
import { serverSentEvents } from "./sse.js";

const SESSION_ITEM = "jessy.session";
const HISTORY_PAGE = 5;
const HEALTH_EVERY_MS = 10_000;
const HEALTH_TIMEOUT_MS = 5_000;
const DEFAULT_ITERATIONS = 9;

const $ = (id) => document.getElementById(id);
const ui = {
  form: $("query-form"),
  query: $("query"),
  submit: $("submit"),
  maxIterations: $("max-iterations"),
  keyBox: $("key-box"),
  key: $("api-key"),
  forgetKey: $("forget-key"),
  error: $("error"),
  result: $("result"),
  progress: $("progress"),
  tokens: $("tokens"),
  dimensions: $("dimensions"),
  interference: $("interference"),
  curve: new ConfidenceCurve($("curve")),
  iterations: $("iterations"),
  safety: $("safety"),
  answer: $("answer"),
  answerMeta: $("answer-meta"),
  sessionId: $("session-id"),
  newSession: $("new-session"),
  deleteSession: $("delete-session"),
  older: $("older"),
  history: $("history"),
  status: $("status"),
  statusState: $("status-state"),
  statusLatency: $("status-latency"),
};

let session = sessionStorage.getItem(SESSION_ITEM);
let running = null; // the AbortController of the question being streamed
let countdown = null;
let olderCursor = null;
let historyLoad = 0; // numbers history loads, so an answer for an older one is dropped

// --- Asking -------------------------------------------------------------------------------------

async function ask(text) {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const current = () => running === controller;
  const askedIn = session;
  const max = ui.maxIterations.value;
  clearError();
  clearResult(max ? Number(max) : DEFAULT_ITERATIONS);
  ui.result.dataset.state = "running";
  progress("Asking…");
  const names = new Map();
  let finished = false;
  try {
    const response = await call(
      path("/api/v1/query/stream", { query: text, session_id: askedIn, max_iterations: max }),
      { accept: "text/event-stream", signal: controller.signal },
    );
    for await (const { event, data } of serverSentEvents(response.body)) {
      if (!current()) {
        return; // a newer question, or the session was dropped meanwhile
      }
      finished = show(event, data, names, askedIn);
      if (finished) {
        break;
      }
    }
    if (!finished) {
      throw new ApiError(502, { title: "Stream cut", detail: "The answer stopped before its end." }, null);
    }
  } catch (e) {
    if (!current() || e.name === "AbortError") {
      return;
    }
    if (e.status === 404 && askedIn) {
      setSession(null); // deleted, or not ours: the next question starts a new session
    }
    progress("");
    showError(e, { context: askedIn ? "session" : "query", focus: true });
  } finally {
    if (current()) {
      running = null;
      ui.result.dataset.state = "idle";
    }
  }
}

/** Draws one event; true once the stream is done. Events this console does not know are skipped. */
function show(event, data, names, askedIn) {
  switch (event) {
    case "navigation":
      showNavigation(JSON.parse(data), names);
      return false;
    case "interference":
      ui.interference.replaceChildren(...interference(JSON.parse(data), names));
      progress("Frequencies interfering…");
      return false;
    case "iteration": {
      const step = JSON.parse(data);
      ui.iterations.append(iteration(step));
      ui.curve.add(step.confidence);
      progress(`Iteration ${step.number}…`);
      return false;
    }
    case "answer":
      showAnswer(JSON.parse(data));
      return false;
    case "done":
      showDone(JSON.parse(data), askedIn);
      return true;
    case "error": {
      const problem = JSON.parse(data);
      throw new ApiError(problem.status, problem, null);
    }
    default:
      return false;
  }
}

function showNavigation(body, names) {
  for (const d of body.dimensions) {
    names.set(d.id, d.name);
  }
  ui.tokens.textContent =
    body.tokens.length > 0 ? `Words heard: ${body.tokens.join(", ")}` : "No known words heard.";
  if (body.return_to_source) {
    ui.tokens.append(" · Too many dimensions at once: returning to the source.");
  } else if (body.fallback) {
    ui.tokens.append(" · Nothing matched strongly: the fallback dimensions answer.");
  }
  ui.dimensions.replaceChildren(...body.dimensions.map(dimension));
  progress("Dimensions activated…");
}

function showAnswer(body) {
  ui.answer.textContent = body.answer;
  if (body.outcome === "redirected") {
    const category = (body.safety_category ?? "safety").replaceAll("_", " ");
    ui.safety.textContent =
      `This question was redirected by the safety gate (${category}). ` +
      "Jessy does not reflect on it; the message below is meant for you.";
    ui.safety.hidden = false;
    ui.answer.classList.add("redirected");
    const notRun = "Not run: the safety gate answered first.";
    ui.dimensions.replaceChildren(el("li", { class: "not-run" }, notRun));
    ui.interference.replaceChildren(el("p", { class: "muted" }, notRun));
    ui.iterations.replaceChildren(el("li", { class: "not-run" }, notRun));
    ui.curve.show(false);
    progress("Redirected by the safety gate.");
    ui.answerMeta.textContent = "From the safety gate";
  } else {
    progress("Answered.");
    ui.answerMeta.textContent = `From the ${body.answer_source} generator`;
  }
}

function showDone(body, askedIn) {
  if (session === askedIn) {
    setSession(body.session_id); // not when New session or Delete came while it streamed
  }
  const steps = ui.curve.values.length;
  if (steps > 0) {
    const converged = body.converged ? "converged" : "not converged";
    ui.answerMeta.append(` · ${converged} after ${steps} iteration${steps === 1 ? "" : "s"}`);
  }
  ui.answerMeta.append(` · ${body.processing_time_ms} ms`);
  loadHistory();
}

function clearResult(iterations) {
  ui.tokens.textContent = "";
  ui.dimensions.replaceChildren();
  ui.interference.replaceChildren();
  ui.iterations.replaceChildren();
  ui.curve.reset(iterations);
  ui.curve.show(true);
  ui.safety.hidden = true;
  ui.safety.textContent = "";
  ui.answer.textContent = "";
  ui.answer.classList.remove("redirected");
  ui.answerMeta.textContent = "";
}

function progress(text) {
  ui.progress.textContent = text;
}

// --- Errors -------------------------------------------------------------------------------------

/**
 * Shows a refused call as a sentence; 429 and 503 count their Retry-After down. `focus` only for
 * what the person just did: a history load on page load must not pull focus to the key field.
 */
function showError(e, { context, focus }) {
  stopCountdown();
  const p = e.problem ?? {};
  let title = p.title ?? "Error";
  let detail = p.detail ?? e.message;
  switch (e.status) {
    case 0:
      title = "The gateway did not answer";
      detail = "Check that it is running and that this page came from it.";
      break;
    case 401:
      title = "API key needed";
      detail = "This gateway did not accept the API key. Enter a valid key under “API key” and ask again.";
      ui.keyBox.open = true;
      if (focus) {
        ui.key.focus();
      }
      break;
    case 404:
      if (context === "session") {
        title = "Session gone";
        detail = "This session no longer exists, or is not yours. Your next question starts a new one.";
      }
      break;
    case 413:
    case 414:
      title = "Question too long";
      detail = `The gateway refused a request this large. ${p.detail ?? ""}`.trim();
      break;
    case 429:
      title = "Too many requests";
      break;
    case 503:
      title = "Jessy's core is unavailable";
      detail = "The gateway cannot reach the core right now.";
      checkHealth();
      break;
    case 504:
      title = "Jessy's core took too long";
      detail = "The core did not answer in time. Try again, perhaps with fewer iterations.";
      checkHealth();
      break;
    default:
      break;
  }
  const wait = e.retryAfter ?? null;
  // The alert is read out once: the wait as a sentence, the ticking count hidden from readers.
  const ticking = el("span", { testid: "retry-countdown", "aria-hidden": "true" });
  ui.error.replaceChildren(
    el("strong", {}, `${title}. `),
    el("span", { testid: "error-detail" }, detail),
    wait !== null ? el("span", { class: "visually-hidden" }, ` Try again in ${wait} seconds.`) : null,
    wait !== null ? ticking : null,
    p.request_id ? el("small", {}, ` (request id ${p.request_id})`) : null,
  );
  ui.error.dataset.status = String(e.status);
  if (wait !== null) {
    ui.error.dataset.retryAfter = String(wait);
    startCountdown(wait, ticking, e.status === 429);
  }
}

function clearError() {
  stopCountdown();
  ui.error.replaceChildren();
  delete ui.error.dataset.status;
  delete ui.error.dataset.retryAfter;
}

function startCountdown(seconds, span, holdSubmit) {
  let left = seconds;
  ui.submit.disabled = holdSubmit;
  const tick = () => {
    if (left > 0) {
      span.textContent = ` Try again in ${left} s.`;
      left -= 1;
    } else {
      span.textContent = " You can try again now.";
      stopCountdown();
    }
  };
  tick();
  countdown = setInterval(tick, 1000);
}

function stopCountdown() {
  clearInterval(countdown);
  countdown = null;
  ui.submit.disabled = false;
}

// --- Session ------------------------------------------------------------------------------------

function setSession(id) {
  session = id;
  historyLoad += 1; // whatever history is on its way belongs to the session before
  if (id) {
    sessionStorage.setItem(SESSION_ITEM, id);
    ui.sessionId.textContent = `Session ${id}: follow-up questions join it.`;
  } else {
    sessionStorage.removeItem(SESSION_ITEM);
    ui.sessionId.textContent = "No session: your next question starts one.";
    ui.history.replaceChildren();
    olderCursor = null;
    ui.older.hidden = true;
  }
  ui.deleteSession.disabled = !id;
}

/** The session's latest turns, or with `before` the page before those shown. */
async function loadHistory(before = null, { focus = false } = {}) {
  if (!session) {
    return;
  }
  const load = ++historyLoad;
  ui.older.disabled = true;
  try {
    const response = await call(
      path(`/api/v1/sessions/${encodeURIComponent(session)}`, { limit: HISTORY_PAGE, before }),
    );
    const page = await response.json();
    if (load !== historyLoad) {
      return; // another session, or a newer load, since
    }
    const items = page.turns.map(turn);
    if (before === null) {
      ui.history.replaceChildren(...items);
    } else {
      ui.history.prepend(...items);
    }
    olderCursor = page.next_before ?? null;
    ui.older.hidden = olderCursor === null;
    if (ui.older.hidden && focus) {
      ui.history.focus(); // the button that had focus is gone
    }
  } catch (e) {
    if (load !== historyLoad) {
      return;
    }
    if (e.status === 404) {
      setSession(null);
    }
    showError(e, { context: "session", focus });
  } finally {
    ui.older.disabled = false;
  }
}

async function deleteSession() {
  if (!session) {
    return;
  }
  running?.abort(); // a question still streaming would otherwise bring the session back
  if (!countdown) {
    clearError();
  }
  try {
    await call(`/api/v1/sessions/${encodeURIComponent(session)}`, { method: "DELETE" });
    setSession(null);
    progress("Session deleted.");
    ui.query.focus();
  } catch (e) {
    if (e.status === 404) {
      setSession(null);
    }
    showError(e, { context: "session", focus: true });
  }
}

// --- Status strip -------------------------------------------------------------------------------

async function checkHealth() {
  let state;
  let latency = "";
  let up = false;
  try {
    const response = await fetch("/api/health", {
      cache: "no-store",
      headers: { Accept: "application/json" },
      signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
    });
    const body = await response.json();
    const core = body.checks?.core ?? {};
    up = core.status === "up";
    state = up ? "Core up" : "Core down: questions fail until it is back";
    if (up && Number.isFinite(core.latency_ms)) {
      latency = ` · ${Math.round(core.latency_ms)} ms`;
    }
    if (body.checks?.rate_limits?.status === "degraded") {
      state += " · rate limits per gateway";
    }
  } catch {
    state = "Gateway unreachable";
  }
  // Only a change of state is announced (role=status); the latency is shown, not read out.
  if (ui.statusState.textContent !== state) {
    ui.statusState.textContent = state;
  }
  ui.statusLatency.textContent = latency;
  ui.status.classList.toggle("up", up);
  ui.status.classList.toggle("down", !up);
}

// --- Wiring -------------------------------------------------------------------------------------

ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.query.value.trim();
  if (text) {
    ask(text);
  }
});
ui.key.value = apiKey.get();
ui.key.addEventListener("input", () => apiKey.set(ui.key.value.trim()));
ui.forgetKey.addEventListener("click", () => {
  apiKey.set("");
  ui.key.value = "";
  ui.key.focus();
});
ui.newSession.addEventListener("click", () => {
  running?.abort();
  setSession(null);
  ui.query.focus();
});
ui.deleteSession.addEventListener("click", deleteSession);
ui.older.addEventListener("click", () => loadHistory(olderCursor, { focus: true }));

checkHealth();
setInterval(() => {
  if (!document.hidden) {
    checkHealth();
  }
}, HEALTH_EVERY_MS);

// A shared link is a new conversation: it asks in a new session, and leaves the address as "/" so
// that reloading the page does not ask again.
const shared = new URLSearchParams(location.search).get("q");
if (shared) {
  history.replaceState(null, "", "/");
  setSession(null);
  ui.query.value = shared;
  ask(shared);
} else {
  setSession(session);
  loadHistory();
}
