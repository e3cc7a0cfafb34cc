/* helixgraph explorer: builds the vis-network from the JSON in #hx-data and wires search, filters
   and neighbourhood highlighting. Data reaches the DOM only as text (textContent, text nodes,
   option values): nothing here parses data as HTML. window.helixExplorer exposes the state. */
(function () {
  "use strict";

  var container = document.getElementById("hx-network");
  if (typeof vis === "undefined" || !vis.Network) {
    container.textContent = "The network library failed to load.";
    return;
  }
  var data = JSON.parse(document.getElementById("hx-data").textContent);
  var nodeInfo = data.nodeInfo;
  var edgeInfo = data.edgeInfo;
  var sources = data.sources;
  var statusBox = document.getElementById("hx-search-status");
  var timeline = data.timeline || null;
  var timeIndex = timeline ? timeline.days.length - 1 : 0;
  var groupOf = {};
  var expanded = new Set();
  (data.groups || []).forEach(function (group) {
    group.members.forEach(function (member) { groupOf[member] = group.id; });
  });
  var groupById = {};
  (data.groups || []).forEach(function (group) { groupById[group.id] = group; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function addLine(box, key, value) {
    var row = el("div", "hx-tip-line");
    if (key) row.appendChild(el("span", "hx-tip-key", key + ": "));
    row.appendChild(document.createTextNode(String(value)));
    box.appendChild(row);
  }

  function formatNumber(value) {
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  }

  function pairs(list, joiner) {
    return list.map(function (pair) { return pair[0] + joiner + pair[1]; }).join(", ");
  }

  function sourceText(index) {
    var source = sources[index];
    var text = [source.publisher, source.title].filter(Boolean).join(": ");
    return source.issued ? text + " (" + source.issued + ")" : text;
  }

  function nodeTip(id) {
    var info = nodeInfo[id];
    var box = el("div", "hx-tip");
    box.appendChild(el("div", "hx-tip-head", info.labels[0]));
    if (info.folded) {
      var folded = info.folded;
      addLine(box, "folded", folded.count + " actors, " + folded.internal + " links inside");
      if (folded.communities.length > 1) addLine(box, "communities", folded.communities.join(", "));
      addLine(box, "top by " + data.sizeBy, folded.top.join("; "));
      addLine(box, "classes", pairs(folded.classes, " "));
      addLine(box, "sectors", pairs(folded.sectors, " "));
      return box;
    }
    if (info.labels.length > 1) addLine(box, "also", info.labels.slice(1).join("; "));
    if (info.clsLabel) addLine(box, "class", info.clsLabel);
    if (info.sectorLabel) addLine(box, "sector", info.sectorLabel);
    if (info.community !== null && info.community !== undefined) addLine(box, "community", info.community);
    if (info.since) addLine(box, "first reported", info.since);
    info.stats.forEach(function (stat) { addLine(box, "", stat); });
    var shownMeasures = info.measures;
    if (timeline && timeIndex < timeline.days.length - 1 && timeline.measures[timeIndex][id]) {
      shownMeasures = timeline.measures[timeIndex][id];
      addLine(box, "as of", timeline.days[timeIndex]);
    }
    shownMeasures.forEach(function (measure) { addLine(box, measure[0], formatNumber(measure[1])); });
    if (info.iri) addLine(box, "IRI", info.iri);
    if (info.page) addLine(box, "", "click for its profile and the evidence of every fact");
    return box;
  }

  function edgeTip(edge) {
    var info = edgeInfo[edge.id];
    var box = el("div", "hx-tip");
    box.appendChild(el("div", "hx-tip-head", info.relation));
    addLine(box, "", nodeInfo[edge.from].labels[0] + " \u2192 " + nodeInfo[edge.to].labels[0]);
    if (info.relations) addLine(box, "relations", pairs(info.relations, " \u00d7"));
    if (info.role) addLine(box, "role", info.role);
    if (info.date) addLine(box, "date", info.date);
    info.sources.slice(0, 5).forEach(function (index) { addLine(box, "source", sourceText(index)); });
    if (info.paragraphs) addLine(box, info.paragraphs.length > 1 ? "paragraphs" : "paragraph", info.paragraphs.join(", "));
    if (info.sources.length > 5) addLine(box, "", "and " + (info.sources.length - 5) + " more sources");
    return box;
  }

  // ---- data sets, filtered through views -------------------------------------------------------
  var baseColour = {};
  data.nodes.forEach(function (node) {
    baseColour[node.id] = JSON.parse(JSON.stringify(node.color));
    node.title = nodeTip(node.id);
  });
  data.edges.forEach(function (edge) { edge.title = edgeTip(edge); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hidden = { cls: new Set(), sector: new Set(), source: new Set() };
  var shown = new Uint8Array(nodeInfo.length).fill(1);

  function nodeAllowed(info, id) {
    if (hidden.cls.has(info.cls)) return false;
    if (timeline && timeline.nodeSince[id] > timeIndex) return false;
    if (groupOf[id] !== undefined && !expanded.has(groupOf[id])) return false;
    if (groupById[id] !== undefined && expanded.has(id)) return false;
    return info.sector === null || !hidden.sector.has(info.sector);
  }

  var nodeView = new vis.DataView(nodes, { filter: function (node) { return shown[node.id] === 1; } });
  var edgeView = new vis.DataView(edges, {
    filter: function (edge) {
      if (!shown[edge.from] || !shown[edge.to]) return false;
      if (timeline && timeline.edgeSince[edge.id] > timeIndex) return false;
      return edgeInfo[edge.id].sources.some(function (index) { return !hidden.source.has(index); });
    },
  });

  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  // ---- neighbourhood highlighting --------------------------------------------------------------
  var DIM_NODE = {
    background: "rgba(210, 214, 220, 0.35)",
    border: "rgba(160, 168, 178, 0.35)",
    highlight: { background: "rgba(210, 214, 220, 0.35)", border: "rgba(160, 168, 178, 0.35)" },
    hover: { background: "rgba(210, 214, 220, 0.35)", border: "rgba(160, 168, 178, 0.35)" },
  };
  var DIM_EDGE = { color: "rgba(180, 186, 194, 0.2)", highlight: "rgba(180, 186, 194, 0.2)", hover: "rgba(180, 186, 194, 0.2)", inherit: false };
  var baseEdgeColour = data.options.edges.color;
  var baseNodeFont = data.options.nodes.font.color;
  var baseEdgeFont = data.options.edges.font.color;
  var DIM_FONT = "rgba(97, 110, 124, 0.3)";

  function paint(nearNodes, nearEdges) {
    nodes.update(data.nodes.map(function (node) {
      var near = nearNodes === null || nearNodes.has(node.id);
      return { id: node.id, color: near ? baseColour[node.id] : DIM_NODE, font: { color: near ? baseNodeFont : DIM_FONT } };
    }));
    edges.update(data.edges.map(function (edge) {
      var near = nearEdges === null || nearEdges.has(edge.id);
      return { id: edge.id, color: near ? baseEdgeColour : DIM_EDGE, font: { color: near ? baseEdgeFont : "rgba(0, 0, 0, 0)" } };
    }));
  }

  function highlight(id) {
    var nearNodes = new Set(network.getConnectedNodes(id));
    nearNodes.add(id);
    var nearEdges = new Set(network.getConnectedEdges(id));
    paint(nearNodes, nearEdges);
    api.highlighted = { node: id, nodes: Array.from(nearNodes), edges: Array.from(nearEdges) };
  }

  function clearHighlight() {
    if (api.highlighted === null) return;
    paint(null, null);
    api.highlighted = null;
  }

  // ---- search over every label, and over the labels of folded nodes ----------------------------
  function norm(text) { return String(text).normalize("NFKC").toLocaleLowerCase(); }
  var labelIndex = nodeInfo.map(function (info) { return info.labels.map(norm); });
  var foldedIndex = null;

  function bestMatch(query, candidates, allowed) {
    var best = null;
    var bestScore = 0;
    candidates.forEach(function (labels, id) {
      if (!allowed(id)) return;
      labels.forEach(function (label) {
        var at = label.indexOf(query);
        if (at < 0) return;
        var score = label === query ? 3 : at === 0 ? 2 : 1;
        if (score > bestScore || (score === bestScore && data.nodes[id].size > data.nodes[best].size)) {
          best = id;
          bestScore = score;
        }
      });
    });
    return best;
  }

  function say(text) { statusBox.textContent = text; }

  function focusNode(id) {
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
  }

  function search(text) {
    var query = norm(text).trim();
    if (!query) { say(""); return null; }
    var id = bestMatch(query, labelIndex, function (i) { return shown[i] === 1; });
    if (id !== null) {
      focusNode(id);
      say("Found " + nodeInfo[id].labels[0] + ".");
      return id;
    }
    var hiddenId = bestMatch(query, labelIndex, function () { return true; });
    if (hiddenId !== null && groupOf[hiddenId] !== undefined && !expanded.has(groupOf[hiddenId])) {
      var home = groupOf[hiddenId];
      var homeLabel = nodeInfo[home].labels[0];
      toggleGroup(home);
      if (shown[hiddenId]) {
        focusNode(hiddenId);
        say(nodeInfo[hiddenId].labels[0] + " is in " + homeLabel + ", opened.");
        return hiddenId;
      }
    }
    if (hiddenId !== null) {
      say(nodeInfo[hiddenId].labels[0] + " is hidden by a filter.");
      return null;
    }
    if (foldedIndex === null) foldedIndex = data.folded.map(function (entry) { return entry.slice(1).map(norm); });
    var entry = bestMatch(query, foldedIndex, function () { return true; });
    if (entry !== null) {
      var group = data.folded[entry][0];
      if (shown[group]) focusNode(group);
      say(data.folded[entry][1] + " is folded into " + nodeInfo[group].labels[0] + ".");
      return shown[group] ? group : null;
    }
    say("No node matches \u201c" + text + "\u201d.");
    return null;
  }

  var labels = document.getElementById("hx-labels");
  var offered = new Set();
  nodeInfo.forEach(function (info) {
    info.labels.forEach(function (label) {
      if (offered.size >= 2000 || offered.has(label)) return;
      offered.add(label);
      var option = document.createElement("option");
      option.value = label;
      labels.appendChild(option);
    });
  });

  document.getElementById("hx-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("hx-search").value);
  });

  // ---- filters ---------------------------------------------------------------------------------
  var visibleBox = document.getElementById("hx-visible");

  function applyFilters() {
    nodeInfo.forEach(function (info, id) { shown[id] = nodeAllowed(info, id) ? 1 : 0; });
    nodeView.refresh();
    edgeView.refresh();
    if (api.highlighted !== null && !shown[api.highlighted.node]) clearHighlight();
    visibleBox.textContent = "showing " + nodeView.length.toLocaleString("en-US") + " nodes and " +
      edgeView.length.toLocaleString("en-US") + " edges";
  }

  function setHidden(kind, index, hide) {
    if (hide) hidden[kind].add(index); else hidden[kind].delete(index);
    applyFilters();
  }

  document.querySelectorAll("input[type=checkbox][data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      setHidden(box.dataset.kind, Number(box.dataset.index), !box.checked);
    });
  });

  // ---- folded communities open in place --------------------------------------------------------
  function toggleGroup(id) {
    if (groupById[id] === undefined) return false;
    if (expanded.has(id)) expanded.delete(id); else expanded.add(id);
    clearHighlight();
    applyFilters();
    return true;
  }

  var selectedBox = document.getElementById("hx-selected");
  var profileLink = document.getElementById("hx-profile");
  var openButton = document.getElementById("hx-open");
  var SAFE_PAGE = /^[A-Za-z0-9_.\/-]+\.html$/;
  var openFor = null;

  function showSelected(id) {
    if (id === null) { selectedBox.hidden = true; openFor = null; return; }
    var info = nodeInfo[id];
    selectedBox.hidden = false;
    document.getElementById("hx-selected-name").textContent = info.labels[0];
    var target = info.page;
    if (typeof target === "string" && SAFE_PAGE.test(target) && target.indexOf("..") < 0) {
      profileLink.setAttribute("href", target);
      profileLink.hidden = false;
    } else {
      profileLink.removeAttribute("href");
      profileLink.hidden = true;
    }
    var home = groupById[id] !== undefined ? id : groupOf[id];
    openFor = home === undefined ? null : home;
    openButton.hidden = openFor === null;
    if (openFor !== null) openButton.textContent = expanded.has(openFor) ? "Fold this community" : "Open this community";
  }

  openButton.addEventListener("click", function () {
    if (openFor !== null) { var id = openFor; toggleGroup(id); showSelected(shown[id] ? id : null); }
  });

  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); showSelected(params.nodes[0]); }
    else { clearHighlight(); showSelected(null); }
  });
  container.addEventListener("dblclick", function (event) {
    var box = container.getBoundingClientRect();
    var id = network.getNodeAt({ x: event.clientX - box.left, y: event.clientY - box.top });
    if (id === undefined) return;
    var home = groupById[id] !== undefined ? id : groupOf[id];
    if (home !== undefined && toggleGroup(home)) showSelected(shown[home] ? home : (shown[id] ? id : null));
  });

  // ---- time: the network as known at each source date ------------------------------------------
  var timeInput = document.getElementById("hx-time");
  var baseSize = {};
  data.nodes.forEach(function (node) { baseSize[node.id] = node.size; });

  function setTime(index) {
    if (!timeline) return;
    timeIndex = Math.max(0, Math.min(timeline.days.length - 1, Number(index)));
    var last = timeIndex === timeline.days.length - 1;
    var sizes = last ? null : timeline.sizes[timeIndex];
    nodes.update(data.nodes.map(function (node) {
      var size = sizes && sizes[node.id] !== undefined ? sizes[node.id] : baseSize[node.id];
      return { id: node.id, size: size, title: nodeTip(node.id) };
    }));
    if (timeInput) timeInput.value = String(timeIndex);
    document.getElementById("hx-time-day").textContent = timeline.days[timeIndex];
    var count = timeline.counts[timeIndex];
    document.getElementById("hx-time-note").textContent = "network then: " + count[0].toLocaleString("en-US") +
      " nodes, " + count[1].toLocaleString("en-US") + " edges; measures of that snapshot";
    applyFilters();
  }
  if (timeInput) timeInput.addEventListener("input", function () { setTime(timeInput.value); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { network.unselectAll(); clearHighlight(); }
  });

  var api = {
    data: data,
    network: network,
    nodes: nodes,
    edges: edges,
    nodeView: nodeView,
    edgeView: edgeView,
    highlighted: null,
    ready: false,
    search: search,
    highlight: highlight,
    clearHighlight: clearHighlight,
    setHidden: setHidden,
    setTime: setTime,
    toggleGroup: toggleGroup,
    expanded: expanded,
    timeIndex: function () { return timeIndex; },
    visibleNodeIds: function () { return nodeView.getIds(); },
    visibleEdgeIds: function () { return edgeView.getIds(); },
  };
  window.helixExplorer = api;

  if (timeline) setTime(timeIndex); else applyFilters();
  network.once("afterDrawing", function () {
    api.ready = true;
    document.body.setAttribute("data-ready", "true");
  });
  network.fit({ animation: false });
})();
