"use strict";
// NeuroChip dashboard: lists the key's jobs, refreshing every second while any is unfinished.
// The key lives only in sessionStorage and is sent as X-Api-Key; artifacts are fetched with it
// and opened as blob URLs, so no key ever appears in a URL.
(function () {
  const storageKey = "neurochip.apiKey";
  const keyInput = document.getElementById("api-key");
  const statusLine = document.getElementById("status");
  const body = document.querySelector("#jobs tbody");
  const exampleSelect = document.getElementById("example");
  const runButton = document.getElementById("run-example");
  const ticksInput = document.getElementById("ticks");
  let timer = null;

  function key() { return sessionStorage.getItem(storageKey); }

  async function api(path, init) {
    const headers = Object.assign({ "X-Api-Key": key() }, (init && init.headers) || {});
    const response = await fetch(path, Object.assign({}, init, { headers: headers }));
    if (!response.ok) {
      let detail = response.status + " " + response.statusText;
      try { const problem = await response.json(); detail = (problem.title || "") + ": " + (problem.detail || ""); } catch (e) { /* not JSON */ }
      throw new Error(detail);
    }
    return response;
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function summaryText(summary) {
    if (!summary) { return ""; }
    return Object.keys(summary).map(function (k) { return k + " " + summary[k]; }).join(", ");
  }

  async function openArtifact(href, type) {
    try {
      const response = await api(href);
      const blob = new Blob([await response.arrayBuffer()], { type: type });
      window.open(URL.createObjectURL(blob), "_blank");
    } catch (e) { statusLine.textContent = "Could not open " + href + ": " + e.message; }
  }

  function render(jobs) {
    body.replaceChildren();
    for (const job of jobs) {
      const row = document.createElement("tr");
      row.dataset.jobId = job.id;
      row.dataset.state = job.state;
      cell(row, job.id, "id");
      cell(row, job.kind, "kind");
      cell(row, job.state, "state");
      const progressCell = cell(row, "", "progress");
      const bar = document.createElement("progress");
      bar.max = 1; bar.value = job.progress;
      progressCell.appendChild(bar);
      cell(row, new Date(job.createdAt).toLocaleString(), "created");
      cell(row, job.error || summaryText(job.summary), "summary");
      const links = cell(row, "", "reports");
      for (const artifact of job.artifacts) {
        const a = document.createElement("a");
        a.href = "#"; a.className = "report"; a.textContent = artifact.name;
        a.addEventListener("click", function (ev) { ev.preventDefault(); openArtifact(artifact.href, artifact.contentType); });
        links.appendChild(a);
      }
      const actions = cell(row, "", "actions");
      if (job.state === "queued" || job.state === "running") {
        const cancel = document.createElement("button");
        cancel.textContent = "Cancel";
        cancel.addEventListener("click", async function () {
          try { await api(job.links.cancel, { method: "POST" }); refresh(); } catch (e) { statusLine.textContent = e.message; }
        });
        actions.appendChild(cancel);
      }
      body.appendChild(row);
    }
  }

  async function refresh() {
    if (!key()) { return; }
    try {
      const response = await api("/v1/jobs?limit=200");
      const data = await response.json();
      render(data.jobs);
      const active = data.jobs.filter(function (j) { return j.state === "queued" || j.state === "running"; }).length;
      statusLine.textContent = data.jobs.length + " job(s), " + active + " unfinished. Updated " + new Date().toLocaleTimeString() + ".";
    } catch (e) {
      statusLine.textContent = e.message;
    }
  }

  async function loadCatalogue() {
    try {
      const response = await api("/v1/catalogue");
      const data = await response.json();
      exampleSelect.replaceChildren();
      for (const example of data.examples) {
        const option = document.createElement("option");
        option.value = example.name; option.textContent = example.name + " (" + example.kind + ")"; option.title = example.description;
        option.dataset.kind = example.kind;
        exampleSelect.appendChild(option);
      }
      runButton.disabled = data.examples.length === 0;
    } catch (e) { statusLine.textContent = e.message; }
  }

  function start() {
    if (timer) { clearInterval(timer); }
    refresh();
    loadCatalogue();
    timer = setInterval(refresh, 1000);
  }

  document.getElementById("key-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    const value = keyInput.value.trim();
    if (!value) { return; }
    sessionStorage.setItem(storageKey, value);
    keyInput.value = "";
    start();
  });

  document.getElementById("forget-key").addEventListener("click", function () {
    sessionStorage.removeItem(storageKey);
    if (timer) { clearInterval(timer); timer = null; }
    body.replaceChildren();
    statusLine.textContent = "Key forgotten.";
  });

  runButton.addEventListener("click", async function () {
    const form = new FormData();
    const kind = exampleSelect.selectedOptions[0] ? exampleSelect.selectedOptions[0].dataset.kind : "simulate";
    form.append("kind", kind);
    form.append("example", exampleSelect.value);
    if (kind === "simulate") { form.append("options", JSON.stringify({ ticks: Number(ticksInput.value) })); }
    try { await api("/v1/jobs", { method: "POST", body: form }); refresh(); } catch (e) { statusLine.textContent = e.message; }
  });

  if (key()) { start(); }
})();
