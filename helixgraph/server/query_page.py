"""The endpoint's query page at ``/``: a form that runs a query on the same endpoint and shows the answer.

The query is SPARQL typed into the form, or one of the project's named questions with its
parameters filled in (sent as ``named=`` and ``param.NAME=`` fields, which the endpoint binds as
RDF terms; see :mod:`helixgraph.server.protocol`). The page loads nothing from elsewhere (it works
offline) and puts the answer into the page as text only.
"""

from __future__ import annotations

import html
import json

from helixgraph.ontology.prefixes import sparql_prologue

__all__ = ["CONTENT_SECURITY_POLICY", "query_page"]

#: The page may run its own inline script and talk to its own origin, nothing else.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                           "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'")

_EXAMPLE = "SELECT ?organisation ?label WHERE {\n  ?organisation a eco:Hospital ; rdfs:label ?label\n}\nLIMIT 20"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>helixgraph SPARQL endpoint</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; }}
textarea {{ width: 100%; height: 18rem; font-family: monospace; }}
table {{ border-collapse: collapse; margin-top: 1rem; }}
td, th {{ border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }}
#status {{ margin-left: 1rem; }}
pre {{ white-space: pre-wrap; }}
</style>
</head>
<body>
<h1>helixgraph SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>/query</code>{union}. {timeout}</p>
<p><label>Named question <select id="named"><option value="">none: the SPARQL below</option>{options}</select></label>
<span id="question"></span></p>
<div id="params"></div>
<textarea id="query" spellcheck="false">{query}</textarea>
<p>
<label>Answer as <select id="accept">
<option value="application/sparql-results+json">table (SPARQL JSON)</option>
<option value="text/csv">CSV</option>
<option value="text/tab-separated-values">TSV</option>
<option value="application/sparql-results+xml">SPARQL XML</option>
<option value="text/turtle">Turtle (CONSTRUCT, DESCRIBE)</option>
<option value="application/n-triples">N-Triples (CONSTRUCT, DESCRIBE)</option>
</select></label>
<button id="run" type="button">Run</button><span id="status"></span>
</p>
<div id="answer"></div>
<script type="application/json" id="named-data">{named_data}</script>
<script>
"use strict";
const NAMED = JSON.parse(document.getElementById("named-data").textContent);
document.getElementById("named").addEventListener("change", (event) => {{
  const spec = NAMED[event.target.value], box = document.getElementById("params");
  box.replaceChildren();
  document.getElementById("question").textContent = spec ? spec.question : "";
  document.getElementById("query").disabled = Boolean(spec);
  if (!spec) return;
  for (const p of spec.parameters) {{
    const label = document.createElement("label"), input = document.createElement("input");
    input.name = p.name; input.value = p.default || ""; input.dataset.param = p.name;
    input.placeholder = p.type + (p.required ? ", required" : ", optional");
    label.append(p.name + " (" + p.type + "): ", input, " " + p.description);
    const line = document.createElement("p"); line.appendChild(label); box.appendChild(line);
  }}
}});
function requestBody() {{
  const named = document.getElementById("named").value;
  if (!named) return [document.getElementById("query").value, "application/sparql-query"];
  const form = new URLSearchParams({{named: named}});
  for (const input of document.querySelectorAll("#params input")) form.append("param." + input.dataset.param, input.value);
  return [form.toString(), "application/x-www-form-urlencoded"];
}}
function cell(binding) {{
  if (!binding) return "";
  if (binding.type === "literal" && binding["xml:lang"]) return binding.value + " @" + binding["xml:lang"];
  return binding.value;
}}
function table(json) {{
  const t = document.createElement("table");
  if (json.boolean !== undefined) {{ t.insertRow().insertCell().textContent = String(json.boolean); return t; }}
  const head = t.createTHead().insertRow();
  for (const name of json.head.vars) {{ const th = document.createElement("th"); th.textContent = name; head.appendChild(th); }}
  const body = t.createTBody();
  for (const row of json.results.bindings) {{
    const tr = body.insertRow();
    for (const name of json.head.vars) tr.insertCell().textContent = cell(row[name]);
  }}
  return t;
}}
document.getElementById("run").addEventListener("click", async () => {{
  const status = document.getElementById("status"), answer = document.getElementById("answer");
  const accept = document.getElementById("accept").value;
  status.textContent = "running..."; answer.replaceChildren();
  const started = performance.now();
  try {{
    const [body, type] = requestBody();
    const response = await fetch("query", {{method: "POST", body: body,
      headers: {{"Content-Type": type, "Accept": accept}}}});
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {{ status.textContent = response.status + " " + response.statusText + " (" + seconds + " s)"; }}
    if (response.ok && accept.endsWith("json")) {{
      const json = JSON.parse(text);
      const rows = json.results ? json.results.bindings.length + " rows" : "boolean";
      status.textContent = rows + " in " + seconds + " s";
      answer.appendChild(table(json));
    }} else {{
      if (response.ok) status.textContent = "answered in " + seconds + " s";
      const pre = document.createElement("pre"); pre.textContent = text; answer.appendChild(pre);
    }}
  }} catch (error) {{ status.textContent = String(error); }}
}});
</script>
</body>
</html>
"""


def _named_questions() -> dict:
    from helixgraph.graph.catalog import named_queries

    return {name: {"question": q.question,
                   "parameters": [{"name": p.name, "type": p.type, "default": p.default, "required": p.required,
                                   "description": p.description} for p in q.parameters]}
            for name, q in named_queries().items()}


def query_page(*, timeout: float | None, union_default_graph: bool) -> bytes:
    """The page's HTML, with the project's prefixes and an example query in the form, and the
    project's named questions with their parameters to choose from.

    >>> page = query_page(timeout=30, union_default_graph=True).decode()
    >>> "PREFIX eco: &lt;https://w3id.org/helixgraph/ontology#&gt;" in page, "after 30 s" in page
    (True, True)
    >>> "http://" in page.replace("PREFIX", "").split("<textarea")[0]
    False
    """
    union = "; the default graph is the union of all graphs" if union_default_graph else ""
    limit = f"Queries stop after {timeout:g} s." if timeout else "Queries have no time limit."
    named = _named_questions()
    options = "".join(f'<option value="{html.escape(name)}">{html.escape(name)}</option>' for name in named)
    # JSON inside a script element: "<" escaped so no value can close the element
    data = json.dumps(named, ensure_ascii=False).replace("<", "\\u003c")
    text = _PAGE.format(union=union, timeout=limit, query=html.escape(sparql_prologue() + _EXAMPLE),
                        options=options, named_data=data)
    return text.encode("utf-8")
