// The gateway's HTTP API as the console uses it: the API key from this tab's session storage as a
// Bearer header (never in a URL or a cookie), and every non-2xx answer as an ApiError that carries
// the problem+json body and Retry-After.

const KEY_ITEM = "jessy.api-key";

export const apiKey = {
  get: () => sessionStorage.getItem(KEY_ITEM) ?? "",
  set(value) {
    if (value) {
      sessionStorage.setItem(KEY_ITEM, value);
    } else {
      sessionStorage.removeItem(KEY_ITEM);
    }
  },
};

/** A refused or failed call: `status` 0 when the gateway did not answer at all. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/** Calls the gateway; resolves to the Response when it is 2xx, rejects with an ApiError otherwise. */
export async function call(path, { method = "GET", accept = "application/json", signal } = {}) {
  const headers = { Accept: accept };
  const key = apiKey.get();
  if (key) {
    headers.Authorization = `Bearer ${key}`;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, signal, cache: "no-store" });
  } catch (e) {
    if (e.name === "AbortError") {
      throw e;
    }
    throw new ApiError(0, { title: "Gateway unreachable", detail: e.message }, null);
  }
  if (response.ok) {
    return response;
  }
  let problem = {};
  if ((response.headers.get("Content-Type") ?? "").includes("json")) {
    problem = await response.json().catch(() => ({}));
  }
  if (signal?.aborted) {
    throw signal.reason; // replaced while its problem was read: nobody waits for it any more
  }
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  throw new ApiError(response.status, problem, Number.isFinite(retryAfter) ? retryAfter : null);
}

/** GET with the parameters that have a value, e.g. `path("/x", {a: 1, b: null})` = "/x?a=1". */
export function path(base, parameters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== "") {
      query.set(name, String(value));
    }
  }
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}
