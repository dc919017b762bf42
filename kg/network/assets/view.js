// The actor network page: draws the view data with vis-network, filters it by entity type and
// relation, finds names, and shows a node's details or an edge's evidence in the side panel.
// Text from the articles only ever enters the document through textContent.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byNode = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var byEdge = new Map(data.edges.map(function (e) { return [e.id, e]; }));
  var colors = new Map(data.types.map(function (t) { return [t.name, t.color]; }));
  var typeOn = new Map(data.types.map(function (t) { return [t.name, true]; }));
  var predicateOn = new Map(data.predicates.map(function (p) { return [p.name, true]; }));
  var linked = new Map();  // node id -> its edges, in order
  data.edges.forEach(function (e) {
    [e.from, e.to].forEach(function (id) {
      if (!linked.has(id)) { linked.set(id, []); }
      linked.get(id).push(e);
    });
  });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function fold(text) {
    return String(text).toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  }

  function labelOf(id) { return byNode.has(id) ? byNode.get(id).label : id; }

  function arrow(e) { return e.symmetric ? " — " + e.predicate + " — " : " — " + e.predicate + " → "; }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function postText(p) { return p.where ? p.role + ", " + p.where : p.role; }

  // Tooltips: small DOM trees, which vis-network shows as they are.
  function nodeTip(n) {
    var box = el("div", "kg-tip");
    box.appendChild(el("b", null, n.label));
    box.appendChild(el("div", null, n.type));
    if (n.aliases.length) { box.appendChild(el("div", null, "also: " + n.aliases.slice(0, 12).join(", "))); }
    if (n.posts.length) { box.appendChild(el("div", null, "posts: " + n.posts.slice(0, 6).map(postText).join("; "))); }
    box.appendChild(el("small", null, "click for details"));
    return box;
  }

  function edgeTip(e) {
    var box = el("div", "kg-tip");
    box.appendChild(el("b", null, labelOf(e.from) + arrow(e) + labelOf(e.to)));
    box.appendChild(el("div", null, plural(e.weight, "article")));
    if (e.evidence.length) {
      var first = e.evidence[0].text;
      box.appendChild(el("div", null, "«" + (first.length > 200 ? first.slice(0, 199) + "…" : first) + "»"));
    }
    box.appendChild(el("small", null, "click for the evidence"));
    return box;
  }

  function visNode(n) {
    var item = {
      id: n.id, label: n.label, title: nodeTip(n), size: n.size,
      color: { background: colors.get(n.type), border: "#ffffff",
               highlight: { background: colors.get(n.type), border: "#222222" },
               hover: { background: colors.get(n.type), border: "#222222" } },
    };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }

  function visEdge(e) {
    var item = {
      id: e.id, from: e.from, to: e.to, label: e.predicate, title: edgeTip(e),
      width: 1 + 0.5 * Math.min(Math.max(e.weight, 1) - 1, 8),
    };
    if (e.symmetric) { item.arrows = { to: { enabled: false } }; }
    if (e.curve) { item.smooth = { enabled: true, type: e.curve.type, roundness: e.curve.roundness }; }
    return item;
  }

  // Filters: an edge is shown when its relation and both ends' types are ticked; a node when
  // its type is ticked and one of its edges is shown (or it has none at all).
  function edgeShown(e) {
    return predicateOn.get(e.predicate) && typeOn.get(byNode.get(e.from).type) &&
      typeOn.get(byNode.get(e.to).type);
  }

  function nodeShown(n) {
    if (!typeOn.get(n.type)) { return false; }
    var edges = linked.get(n.id);
    return !edges || edges.some(edgeShown);
  }

  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var shownNodes = new vis.DataView(nodes, { filter: function (item) { return nodeShown(byNode.get(item.id)); } });
  var shownEdges = new vis.DataView(edges, { filter: function (item) { return edgeShown(byEdge.get(item.id)); } });
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: shownNodes, edges: shownEdges }, data.options);
  window.network = network;
  window.kgView = { nodes: nodes, edges: edges, shownNodes: shownNodes, shownEdges: shownEdges };

  var stats = document.getElementById("kg-stats");
  function count() {
    window.kgCounts = { nodes: shownNodes.length, edges: shownEdges.length };
    stats.textContent = shownNodes.length + " of " + plural(nodes.length, "node") + " · " +
      shownEdges.length + " of " + plural(edges.length, "edge");
  }

  function keepPositions() {
    var at = network.getPositions();
    nodes.update(Object.keys(at).map(function (id) { return { id: id, x: at[id].x, y: at[id].y }; }));
  }

  function refilter() {
    keepPositions();  // a node shown again comes back where it was
    shownNodes.refresh();
    shownEdges.refresh();
    count();
  }

  function checkbox(list, item, on, swatch) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = item.name;
    box.addEventListener("change", function () { on.set(item.name, box.checked); refilter(); });
    label.appendChild(box);
    if (swatch) {
      var dot = el("span", "kg-dot");
      dot.style.background = swatch;
      label.appendChild(dot);
    }
    label.appendChild(document.createTextNode(item.name));
    label.appendChild(el("span", "kg-count", "(" + item.count + ")"));
    li.appendChild(label);
    list.appendChild(li);
  }

  var typeList = document.getElementById("kg-types");
  data.types.forEach(function (t) { checkbox(typeList, t, typeOn, t.color); });
  var predicateList = document.getElementById("kg-predicates");
  data.predicates.forEach(function (p) { checkbox(predicateList, p, predicateOn, null); });

  // The side panel.
  var panelTitle = document.getElementById("kg-panel-title");
  var panel = document.getElementById("kg-panel-body");

  function clearPanel(title) {
    panelTitle.textContent = title;
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
  }

  function showHint() {
    clearPanel(data.title);
    panel.appendChild(el("p", "kg-hint", "Click an edge to read the sentences it was read from, or a node for " +
      "its names, posts and relations. Hover for a summary; drag to move, scroll to zoom."));
  }

  function section(title, items) {
    if (!items.length) { return; }
    panel.appendChild(el("h3", null, title));
    var list = el("ul");
    items.forEach(function (item) { list.appendChild(typeof item === "string" ? el("li", null, item) : item); });
    panel.appendChild(list);
  }

  // The evidence sentence with the words naming the two ends of the relation in <mark>s;
  // every piece goes in as text.
  function marked(text, marks) {
    var quote = el("blockquote");
    var at = 0;
    marks.forEach(function (m) {
      if (m[0] < at || m[1] > text.length) { return; }
      quote.appendChild(document.createTextNode(text.slice(at, m[0])));
      quote.appendChild(el("mark", null, text.slice(m[0], m[1])));
      at = m[1];
    });
    quote.appendChild(document.createTextNode(text.slice(at)));
    return quote;
  }

  function showEdge(id) {
    var e = byEdge.get(id);
    if (!e) { return; }
    clearPanel(labelOf(e.from) + arrow(e) + labelOf(e.to));
    panel.appendChild(el("p", "kg-meta", "stated in " + plural(e.weight, "article") + " · " +
      plural(e.evidence.length, "sentence")));
    var list = el("ol", "kg-evidence");
    e.evidence.forEach(function (item) {
      var li = el("li");
      li.appendChild(marked(item.text, item.marks || []));
      li.appendChild(el("div", "kg-source", "article " + item.article + (item.date ? " · " + item.date : "")));
      list.appendChild(li);
    });
    panel.appendChild(list);
  }

  function relationLink(e, from) {
    var li = el("li");
    var button = el("button", "kg-link", from ? e.predicate + " → " + labelOf(e.to)
      : labelOf(e.from) + " " + e.predicate + " →");
    button.type = "button";
    button.addEventListener("click", function () {
      if (shownEdges.get(e.id)) { network.selectEdges([e.id]); }
      showEdge(e.id);
    });
    li.appendChild(button);
    return li;
  }

  function showNode(id) {
    var n = byNode.get(id);
    if (!n) { return; }
    clearPanel(n.label);
    var kind = el("p", "kg-meta");
    var dot = el("span", "kg-dot");
    dot.style.background = colors.get(n.type);
    kind.appendChild(dot);
    kind.appendChild(document.createTextNode(n.type + " · degree " + n.degree + " · betweenness " +
      n.betweenness + " · community " + n.community));
    panel.appendChild(kind);
    section("Also written", n.aliases);
    section("Posts", n.posts.map(postText));
    section("Relations", (linked.get(id) || []).map(function (e) { return relationLink(e, e.from === id); }));
    panel.appendChild(el("p", "kg-id", n.id));
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else { showHint(); }
  });

  // Finding a name: the label or an alias, whole first, then a part of one; the best linked wins.
  var names = document.getElementById("kg-names");
  var seen = new Set();
  data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (name) {
      if (seen.has(name)) { return; }
      seen.add(name);
      var option = el("option");
      option.value = name;
      names.appendChild(option);
    });
  });

  function find(text) {
    var wanted = fold(text);
    if (!wanted) { return null; }
    var whole = [], part = [];
    data.nodes.forEach(function (n) {
      var folded = [n.label].concat(n.aliases).map(fold);
      if (folded.indexOf(wanted) >= 0) { whole.push(n); }
      else if (folded.some(function (f) { return f.indexOf(wanted) >= 0; })) { part.push(n); }
    });
    var found = whole.length ? whole : part;
    found.sort(function (a, b) {
      return (shownNodes.get(b.id) ? 1 : 0) - (shownNodes.get(a.id) ? 1 : 0) || b.degree - a.degree ||
        (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    });
    return found.length ? found[0] : null;
  }

  var search = document.getElementById("kg-search");
  var status = document.getElementById("kg-found");
  function go() {
    var n = find(search.value);
    status.textContent = "";
    if (!n) { status.textContent = search.value.trim() ? "not found" : ""; return; }
    showNode(n.id);
    if (!shownNodes.get(n.id)) { status.textContent = "hidden by the filters"; return; }
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
  }
  document.getElementById("kg-find").addEventListener("submit", function (event) {
    event.preventDefault();
    go();
  });
  search.addEventListener("input", function (event) {
    if (event.inputType === "insertReplacementText" || event.inputType === undefined) { go(); }
  });

  // Ready once drawn with the layout settled: physics stops after the first stabilisation so
  // that nodes stay where they are while one reads and filters.
  var settled = !data.options.physics.enabled || data.nodes.length === 0;
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    settled = true;
    keepPositions();
  });
  network.on("afterDrawing", function () {
    if (settled && !window.kgReady) {
      window.kgReadyAt = performance.now();
      window.kgReady = true;
    }
  });
  count();
  showHint();
})();
