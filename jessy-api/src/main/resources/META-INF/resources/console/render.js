// DOM building for the console. Everything that comes from the API is inserted as text (append()
// of a string makes a Text node); nothing here ever parses HTML.

const SVG = "http://www.w3.org/2000/svg";

/** `el("li", {class: "x", testid: "dimension"}, "text", child)`: an element with text/children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === "testid") {
      node.dataset.testid = value;
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

const hz = (value) => `${value} Hz`;

/** One activated dimension: name, confidence, frequency and its path through the layers. */
export function dimension(d) {
  return el(
    "li",
    { class: "dimension", testid: "dimension" },
    el("span", { class: "name", testid: "dimension-name" }, d.name),
    el(
      "span",
      { class: "figures" },
      el("meter", { min: 0, max: 1, value: d.confidence, "aria-label": `${d.name} confidence` }),
      ` confidence ${d.confidence} · ${hz(d.frequency)}`,
    ),
    el(
      "span",
      { class: "layers", testid: "layer-path" },
      d.layer_path.map((l) => `${l.name} (L${l.level}, ${hz(l.frequency)})`).join(" → "),
    ),
  );
}

/** The interference event: dominant frequency, pairs, harmonics, balance. */
export function interference(event, names) {
  const name = (id) => names.get(id) ?? `#${id}`;
  const pair = (ids) => ids.map(name).join(" × ");
  const i = event.interference;
  const balance = i.balance.applied
    ? `Balanced from ${hz(i.balance.original_frequency)}: ${i.balance.reason ?? "rebalanced"}.`
    : "No balancing needed.";
  return [
    el("p", { class: "dominant", testid: "dominant-frequency" }, `Dominant frequency ${hz(event.dominant_frequency)}`),
    i.pairs.length === 0
      ? el("p", { class: "muted" }, "One dimension alone: nothing to interfere with.")
      : el(
          "ul",
          { class: "pairs" },
          ...i.pairs.map((p) => {
            // As the engine counts them: a destructive pair is a dissonance unless it is harmonic.
            const verdict = p.harmonic ? "harmonic" : p.kind === "destructive" ? "dissonant" : p.kind;
            return el(
              "li",
              { class: `pair ${verdict}`, testid: "pair" },
              `${pair(p.dimensions)}: ${verdict === p.kind ? verdict : `${verdict} (${p.kind})`}, Δ ${hz(p.delta_hz)}`,
            );
          }),
        ),
    ...i.harmonics.map((h) =>
      el("p", { class: "harmonic", testid: "harmonic" }, `${pair(h.dimensions)}: ${h.interval} (ratio ${h.ratio})`),
    ),
    el("p", { testid: "balance" }, balance, ` Unresolved dissonances: ${i.unresolved_dissonances}.`),
  ];
}

/** One iteration: its number, phase, thought and confidence. */
export function iteration(step) {
  return el(
    "li",
    { class: `iteration ${step.phase}`, testid: "iteration" },
    el("span", { class: "phase" }, `${step.number} · ${step.phase}`),
    el("span", { class: "thought" }, step.thought),
    el("span", { class: "confidence" }, `confidence ${step.confidence}`),
  );
}

/** One stored turn of the session's history. */
export function turn(t) {
  const about = t.outcome === "redirected" ? "redirected for safety" : t.dimensions.join(", ");
  return el(
    "li",
    { class: `turn ${t.outcome}`, testid: "turn" },
    el("span", { class: "turn-number" }, `#${t.turn}`),
    el("q", { class: "turn-query", testid: "turn-query" }, t.query),
    el("span", { class: "turn-answer" }, t.answer),
    el("span", { class: "muted" }, about),
  );
}

/** The confidence curve: a polyline that grows by one point per iteration event. */
export class ConfidenceCurve {
  static WIDTH = 320;
  static HEIGHT = 130;
  static PAD = 18;

  constructor(svg) {
    this.svg = svg;
    this.title = svg.querySelector("title");
    this.reset(9);
  }

  reset(slots) {
    this.slots = Math.max(slots, 2);
    this.values = [];
    this.svg.replaceChildren(this.title);
    const { WIDTH: w, PAD: p } = ConfidenceCurve;
    for (const level of [0, 0.5, 1]) {
      const y = this.y(level);
      this.svg.append(
        svg("line", { x1: p, x2: w - p / 2, y1: y, y2: y, class: "grid" }),
        svg("text", { x: 2, y: y + 4, class: "axis" }, String(level)),
      );
    }
    this.line = svg("polyline", { class: "line", points: "" });
    this.svg.append(this.line);
    this.svg.setAttribute("aria-label", "No iterations yet");
  }

  /** Shows or hides the chart (SVG elements have no `hidden` property, only the attribute). */
  show(on) {
    this.svg.toggleAttribute("hidden", !on);
  }

  add(confidence) {
    this.values.push(confidence);
    // More iterations than expected: the x axis is squeezed rather than overflowing.
    this.slots = Math.max(this.slots, this.values.length);
    for (const point of this.svg.querySelectorAll("circle")) {
      point.remove();
    }
    this.line.setAttribute("points", this.values.map((v, i) => `${this.x(i)},${this.y(v)}`).join(" "));
    this.values.forEach((v, i) =>
      this.svg.append(svg("circle", { cx: this.x(i), cy: this.y(v), r: 3.5, class: "point" })),
    );
    this.svg.setAttribute("aria-label", `Confidence per iteration: ${this.values.join(", ")}`);
  }

  x(index) {
    const { WIDTH: w, PAD: p } = ConfidenceCurve;
    return Math.round(p + 8 + (index * (w - 2 * p - 8)) / (this.slots - 1));
  }

  y(value) {
    const { HEIGHT: h, PAD: p } = ConfidenceCurve;
    return Math.round(h - p - value * (h - 2 * p));
  }
}

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}
