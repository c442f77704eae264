// sverka's review page: plain JavaScript over the JSON API (/api/v1). Text from
// the memory or an upload only ever becomes text nodes (el() below): nothing is
// parsed as HTML.
"use strict";

const API = "/api/v1";
const PAGE = 50;
const LINES = 5;
const MORE_LINES = 100;

const state = {
	session: null,     // {login, auth, user, role, csrf}
	pairs: [],         // the page shown
	total: 0,
	offset: 0,
	selected: -1,
	detail: null,      // the selected pair with concordance
	undo: [],          // [{id, status}] the status before each decision
	editing: null,     // {action, lang}
	checkUpload: null, // the last check body, for the HTML download
	lines: LINES,      // concordance lines per language in the evidence
};

// ---- DOM helpers: text only ------------------------------------------------

function el(tag, attrs, ...kids) {
	const e = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === null || v === undefined || v === false)
			continue;
		if (k === "class")
			e.className = v;
		else if (k.startsWith("on"))
			e.addEventListener(k.slice(2), v);
		else
			e.setAttribute(k, v === true ? "" : String(v));
	}
	for (const k of kids.flat()) {
		if (k === null || k === undefined || k === false)
			continue;
		e.append(k instanceof Node ? k : document.createTextNode(String(k)));
	}
	return e;
}

function $(id) {
	return document.getElementById(id);
}

function clear(node, ...kids) {
	node.replaceChildren(...kids.flat().filter((k) => k !== null && k !== undefined));
}

function say(msg, error) {
	const s = $("status");
	s.textContent = msg || "";
	s.classList.toggle("error", !!error);
}

// A {pre, mark, post} as nodes.
function marked(m) {
	return [m.pre, el("mark", {}, m.mark), m.post];
}

// text split at the byte span [start, start + len) (the check report's marks).
function byteSpan(text, start, len) {
	const b = new TextEncoder().encode(text);
	const d = new TextDecoder();
	return {
		pre: d.decode(b.slice(0, start)),
		mark: d.decode(b.slice(start, start + len)),
		post: d.decode(b.slice(start + len)),
	};
}

// ---- API -----------------------------------------------------------------

class ApiError extends Error {
	constructor(status, body) {
		super((body && body.error && body.error.message) || "HTTP " + status);
		this.status = status;
		this.body = body;
	}
}

async function api(path, opts) {
	const o = Object.assign({ method: "GET", headers: {} }, opts || {});
	if (o.json !== undefined) {
		o.body = JSON.stringify(o.json);
		o.headers["Content-Type"] = "application/json";
		delete o.json;
	}
	if (o.method === "POST" && state.session && state.session.csrf)
		o.headers["X-CSRF-Token"] = state.session.csrf;
	o.credentials = "same-origin";
	const r = await fetch(API + path, o);
	if (o.raw && r.ok)
		return r;
	let body = null;
	try {
		body = await r.json();
	} catch (e) {
		body = null;
	}
	if (!r.ok) {
		if (r.status === 401 && state.session && state.session.login)
			showLogin();
		throw new ApiError(r.status, body);
	}
	return body;
}

function qs(params) {
	const u = new URLSearchParams();
	for (const [k, v] of Object.entries(params))
		if (v !== "" && v !== null && v !== undefined)
			u.set(k, v);
	return u.toString();
}

// ---- views -----------------------------------------------------------------

const views = ["login", "review", "lookup", "search", "documents", "check"];

function show(view) {
	for (const v of views)
		$("view-" + v).hidden = v !== view;
	for (const a of document.querySelectorAll("nav a"))
		a.toggleAttribute("aria-current", a.dataset.view === view);
	for (const a of document.querySelectorAll("nav a[aria-current]"))
		a.setAttribute("aria-current", "page");
	if (view === "review" && !state.pairs.length)
		loadPairs();
	if (view === "documents")
		loadDocuments();
}

function route() {
	const v = (location.hash || "#review").slice(1).split("/")[0];
	if (state.session && state.session.login && !state.session.auth)
		return showLogin();
	show(views.includes(v) && v !== "login" ? v : "review");
}

function showLogin() {
	show("login");
	$("login-name").focus();
}

async function loadSession() {
	state.session = await api("/session");
	const who = $("who");
	if (state.session.login && state.session.auth)
		clear(who, state.session.user + " (" + state.session.role + ") ",
		      el("button", { type: "button", onclick: logout }, "Log out"));
	else
		clear(who, state.session.login ? "" : "local, no login");
}

async function logout() {
	await api("/logout", { method: "POST", json: {} });
	await loadSession();
	route();
}

// ---- review ---------------------------------------------------------------

function filters() {
	return {
		status: $("f-status").value,
		kind: $("f-kind").value,
		min_score: $("f-score").value === "0" ? "" : $("f-score").value,
		q: $("f-text").value.trim(),
	};
}

async function loadPairs(keepId) {
	try {
		const r = await api("/pairs?" + qs(Object.assign(filters(),
			{ offset: state.offset, limit: PAGE })));
		state.pairs = r.pairs;
		state.total = r.total;
		$("left").textContent = r.unreviewed + " left to review";
		renderList();
		let i = keepId ? state.pairs.findIndex((p) => p.id === keepId) : -1;
		if (i < 0)
			i = state.pairs.length ? Math.min(Math.max(state.selected, 0),
							  state.pairs.length - 1) : -1;
		await select(i);
	} catch (e) {
		say(e.message, true);
	}
}

function renderList() {
	const rows = state.pairs.map((p, i) => el("tr", {
		"data-id": p.id, tabindex: "-1", "aria-selected": i === state.selected ? "true" : "false",
		onclick: () => select(i),
	}, el("td", {}, el("span", { class: "st st-" + p.status }, p.status)),
	el("td", { lang: "ru" }, p.ru), el("td", { lang: "bg" }, p.bg),
	el("td", {}, p.ru_kind === p.bg_kind ? p.ru_kind : p.ru_kind + "/" + p.bg_kind),
	el("td", { class: "num" }, p.score.toFixed(2)),
	el("td", { class: "num" }, p.ru_freq + "/" + p.bg_freq)));
	clear(document.querySelector("#pairs tbody"), rows);
	const last = Math.min(state.offset + PAGE, state.total);
	$("page").textContent = state.total ? (state.offset + 1) + "–" + last + " of " + state.total
					    : "no pairs";
	$("prev").disabled = state.offset === 0;
	$("next").disabled = last >= state.total;
}

async function select(i) {
	state.selected = i;
	for (const [k, tr] of document.querySelectorAll("#pairs tbody tr").entries())
		tr.setAttribute("aria-selected", k === i ? "true" : "false");
	if (i < 0) {
		state.detail = null;
		clear($("detail"), el("p", { class: "hint" }, "No pair matches the filters."));
		return;
	}
	const p = state.pairs[i];
	const row = document.querySelector(`#pairs tbody tr[data-id="${p.id}"]`);
	if (row)
		row.scrollIntoView({ block: "nearest" });
	try {
		state.detail = await api(`/pairs/${p.id}?lines=${state.lines}`);
		if (state.pairs[state.selected] && state.pairs[state.selected].id === p.id)
			renderDetail();
	} catch (e) {
		say(e.message, true);
	}
}

function concordance(lang, c) {
	return el("div", { class: "conc" },
		el("h3", {}, (lang === "ru" ? "Russian" : "Bulgarian") + " (" + c.total + ")"),
		c.lines.length ? el("ol", {}, c.lines.map((l) => el("li", {},
			el("span", { lang: l.lang }, marked(l.marked)),
			l.other ? el("span", { class: "other", lang: l.lang === "ru" ? "bg" : "ru" },
				     l.other) : null)))
			: el("p", { class: "hint" }, "no lines"));
}

function renderDetail() {
	const d = state.detail;
	const can = !state.session || state.session.role !== "reader";
	const btn = (label, key, fn) => el("button", {
		type: "button", onclick: fn, disabled: !can, "aria-keyshortcuts": key,
	}, label + " (" + key + ")");
	clear($("detail"),
		el("h2", {}, el("span", { lang: "ru" }, d.ru), " = ", el("span", { lang: "bg" }, d.bg)),
		el("p", { class: "meta" }, el("span", { class: "st st-" + d.status }, d.status),
		   " · score " + d.score.toFixed(3) + " · " + d.ru_kind + "/" + d.bg_kind +
		   " · freq " + d.ru_freq + "/" + d.bg_freq + " · origin " + d.origin +
		   " · revision " + d.revision + (d.reviewed ? " · reviewed " + d.reviewed : "")),
		el("p", { class: "evidence" }, d.evidence || "no evidence"),
		d.note ? el("p", { class: "note" }, "Note: ", d.note) : null,
		el("div", { class: "actions" },
		   btn("Approve", "A", () => decide("approve")),
		   btn("Reject", "R", () => decide("reject")),
		   btn("Forbid", "F", () => decide("forbid")),
		   btn("Edit ru", "E", () => edit("cite", "ru")),
		   btn("Edit bg", "B", () => edit("cite", "bg")),
		   btn("Variant", "V", () => edit("variant", "bg")),
		   btn("Note", "N", () => edit("note")),
		   btn("Undo", "U", undo)),
		concordance("ru", d.concordance.ru),
		concordance("bg", d.concordance.bg),
		state.lines < MORE_LINES && (d.concordance.ru.total > d.concordance.ru.lines.length ||
					     d.concordance.bg.total > d.concordance.bg.lines.length)
			? el("button", { type: "button", id: "more", onclick: moreLines,
					 "aria-keyshortcuts": "M" }, "More lines (M)") : null);
}

function moreLines() {
	state.lines = MORE_LINES;
	select(state.selected);
}

async function post(id, body) {
	try {
		return await api(`/pairs/${id}/review`, { method: "POST", json: body });
	} catch (e) {
		if (e.status === 409) {
			say("Someone changed this pair since it was loaded: it is shown again as it is now; " +
			    "decide again.", true);
			await loadPairs(id);
		} else {
			say(e.message, true);
		}
		return null;
	}
}

async function decide(action) {
	const d = state.detail;
	if (!d)
		return;
	const before = d.status;
	const r = await post(d.id, { revision: d.revision, action });
	if (!r)
		return;
	state.undo.push({ id: d.id, status: before });
	say(`${d.ru} = ${d.bg}: ${r.status} (U undoes)`);
	const i = state.selected;
	state.pairs[i] = r;
	renderList();
	await nextUnreviewed(i);
	if ($("f-status").value === "candidate")
		await loadPairs(state.pairs[state.selected] && state.pairs[state.selected].id);
}

const statusAction = { candidate: "reset", approved: "approve", rejected: "reject",
		       forbidden: "forbid" };

async function undo() {
	const last = state.undo.pop();
	if (!last) {
		say("Nothing to undo.");
		return;
	}
	let cur;
	try {
		cur = await api(`/pairs/${last.id}?lines=0`);
	} catch (e) {
		say(e.message, true);
		return;
	}
	const r = await post(last.id, { revision: cur.revision, action: statusAction[last.status] });
	if (!r)
		return;
	say(`Undone: ${r.ru} = ${r.bg} is ${r.status} again.`);
	await loadPairs(last.id);
	const i = state.pairs.findIndex((p) => p.id === last.id);
	if (i >= 0)
		await select(i);
}

async function nextUnreviewed(from) {
	for (let k = from + 1; k < state.pairs.length; k++) {
		if (state.pairs[k].status === "candidate") {
			await select(k);
			return;
		}
	}
	say("No unreviewed pair below on this page.");
}

function edit(action, lang) {
	const d = state.detail;
	if (!d)
		return;
	state.editing = { action, lang };
	const f = $("editor");
	f.hidden = false;
	$("editor-lang").hidden = action !== "variant";
	$("editor-lang").value = lang || "bg";
	$("editor-label").textContent = action === "note" ? "Note" : action === "cite"
		? "Citation form (" + lang + ")" : "Variant or synonym";
	$("editor-text").value = action === "note" ? (d.note || "") : action === "cite" ? d[lang] : "";
	$("editor-text").focus();
}

function closeEditor() {
	$("editor").hidden = true;
	state.editing = null;
	const row = document.querySelector('#pairs tbody tr[aria-selected="true"]');
	if (row)
		row.focus();
}

async function saveEditor(ev) {
	ev.preventDefault();
	const d = state.detail, e = state.editing;
	if (!d || !e)
		return;
	const text = $("editor-text").value;
	const body = { revision: d.revision, action: e.action };
	if (e.action === "note")
		body.note = text;
	else
		Object.assign(body, { lang: e.action === "variant" ? $("editor-lang").value : e.lang,
				      text });
	const r = await post(d.id, body);
	closeEditor();
	if (r) {
		say(e.action === "variant" ? "Variant added (pair " + r.added + ")." : "Saved.");
		await loadPairs(d.id);
	}
}

// Key actions run one after another, each on the state the previous one left
// (a fast typist's A then Down then F acts on the pairs they saw).
// body[data-busy] says whether any is running.
let queue = Promise.resolve(), pending = 0;

function enqueue(fn) {
	pending++;
	document.body.dataset.busy = "1";
	queue = queue.then(fn).catch((e) => say(e.message, true)).finally(() => {
		if (--pending === 0)
			document.body.dataset.busy = "0";
	});
	return queue;
}

function onKey(ev) {
	if ($("view-review").hidden || ev.ctrlKey || ev.metaKey || ev.altKey)
		return;
	const t = ev.target;
	if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) {
		if (ev.key === "Escape" && !$("editor").hidden)
			closeEditor();
		return;
	}
	const k = ev.key;
	const acts = {
		a: () => decide("approve"), r: () => decide("reject"), f: () => decide("forbid"),
		e: () => edit("cite", "ru"), b: () => edit("cite", "bg"),
		v: () => edit("variant", "bg"), n: () => edit("note"), u: undo, m: moreLines,
	};
	if (acts[k.toLowerCase()] && k.length === 1) {
		ev.preventDefault();
		enqueue(acts[k.toLowerCase()]);
	} else if (k === "ArrowDown" || k === "j") {
		ev.preventDefault();
		enqueue(() => state.selected + 1 < state.pairs.length && select(state.selected + 1));
	} else if (k === "ArrowUp" || k === "k") {
		ev.preventDefault();
		enqueue(() => state.selected > 0 && select(state.selected - 1));
	} else if (k === " ") {
		ev.preventDefault();
		enqueue(() => nextUnreviewed(state.selected));
	}
}

// ---- lookup and search -----------------------------------------------------

async function lookup(ev) {
	ev.preventDefault();
	const q = $("lookup-q").value.trim();
	if (!q)
		return;
	try {
		const r = await api("/lookup?" + qs({ q, lang: $("lookup-lang").value, lines: 3 }));
		const out = [];
		if (!r.hits.length)
			out.push(el("p", {}, "No term matches «" + q + "».",
				    r.suggestions.length ? " Did you mean: " +
				    r.suggestions.map((s) => s.term).join(", ") + "?" : ""));
		r.hits.forEach((h, i) => {
			const eq = r.equivalents.filter((e) => e.hit === i);
			out.push(el("div", { class: "card" },
				el("h3", { lang: h.lang }, h.term, " ",
				   el("span", { class: "st st-" + h.status }, h.match + ", " + h.status)),
				eq.length ? el("ul", {}, eq.map((e) => el("li", {},
					el("strong", { lang: e.lang }, e.term), " ",
					el("span", { class: "st st-" + e.pair_status }, e.pair_status),
					" " + e.score.toFixed(2) + (e.evidence ? " — " + e.evidence : ""))))
					: el("p", { class: "hint" }, "no equivalent yet"),
				h.lines && h.lines.length ? el("ol", {}, h.lines.map((l) => el("li", {},
					el("span", { lang: l.lang }, marked(l.marked)),
					l.other ? el("span", { class: "other" }, l.other) : null))) : null));
		});
		clear($("lookup-out"), out);
		say("");
	} catch (e) {
		say(e.message, true);
	}
}

async function search(ev) {
	ev.preventDefault();
	const q = $("search-q").value.trim();
	if (!q)
		return;
	try {
		const r = await api("/search?" + qs({ q, lang: $("search-lang").value,
						      min_score: $("search-min").value, limit: 10 }));
		const other = r.lang === "ru" ? "bg" : "ru";
		clear($("search-out"), r.matches.length ? r.matches.map((m) => el("div", { class: "card" },
			el("p", {}, el("strong", {}, m.score.toFixed(0) + "%"), " · " + m.status),
			el("p", { lang: r.lang }, m.parts.map((p) => p.diff
				? el("mark", { class: "diff" }, p.text) : p.text)),
			el("p", { lang: other }, m[other]))) : el("p", {}, "No match scores enough."));
		say(r.candidates + " units scored.");
	} catch (e) {
		say(e.message, true);
	}
}

// ---- documents -------------------------------------------------------------

async function loadDocuments() {
	const id = (location.hash.split("/")[1] || "");
	try {
		if (id.startsWith("pair-"))
			return showDocPair(id.slice(5));
		if (id)
			return showDocument(id);
		const r = await api("/documents?limit=1000");
		const paths = {};
		for (const d of r.documents)
			paths[d.id] = d;
		clear($("docs-out"),
			el("h2", {}, "Document pairs"),
			r.pairs.length ? el("table", {}, el("thead", {}, el("tr", {},
				el("th", {}, "Russian"), el("th", {}, "Bulgarian"), el("th", {}, "Mode"),
				el("th", {}, "Score"), el("th", {}, "Units"))),
			el("tbody", {}, r.pairs.map((p) => el("tr", {},
				el("td", {}, el("a", { href: "#documents/pair-" + p.id }, p.ru_path)),
				el("td", {}, p.bg_path), el("td", {}, p.mode),
				el("td", { class: "num" }, p.score.toFixed(2)),
				el("td", { class: "num" }, p.units)))))
				: el("p", { class: "hint" }, "no pairs yet: run sverka align"),
			el("h2", {}, "Documents (" + r.total + ")"),
			el("table", {}, el("tbody", {}, r.documents.map((d) => el("tr", {},
				el("td", {}, el("a", { href: "#documents/" + d.id }, d.title || d.path)),
				el("td", {}, d.lang), el("td", {}, d.date || ""),
				el("td", { class: "num" }, d.segments + " segments"))))));
	} catch (e) {
		say(e.message, true);
	}
}

async function showDocument(id) {
	const d = await api("/documents/" + encodeURIComponent(id));
	clear($("docs-out"), el("p", {}, el("a", { href: "#documents" }, "‹ all documents")),
		el("h2", { lang: d.lang }, d.title || d.path),
		el("p", { class: "meta" }, d.path + " · " + d.lang + " · " + d.segments + " segments"),
		el("ol", { lang: d.lang }, d.lines.map((l) => el("li", {}, l.text))));
}

async function showDocPair(id) {
	const p = await api("/docpairs/" + encodeURIComponent(id));
	clear($("docs-out"), el("p", {}, el("a", { href: "#documents" }, "‹ all documents")),
		el("h2", {}, p.ru_path + " ↔ " + p.bg_path),
		el("p", { class: "meta" }, p.mode + " · score " + p.score.toFixed(2) + " · " +
		   p.units + " units"),
		p.alignment.length ? el("div", { class: "side" },
			el("div", {}, el("strong", {}, "Russian")), el("div", {}, el("strong", {}, "Bulgarian")),
			el("div", {}, el("strong", {}, "Score")),
			p.alignment.map((u) => [el("div", { lang: "ru" }, u.ru), el("div", { lang: "bg" }, u.bg),
						el("div", { class: "num" }, u.score.toFixed(2))]))
			: el("p", { class: "hint" }, "no units aligned in this pair"));
}

// ---- check -----------------------------------------------------------------

function readFile(input) {
	const f = input.files && input.files[0];
	return f ? f.text().then((content) => ({ name: f.name, content })) : Promise.resolve(null);
}

async function check(ev) {
	ev.preventDefault();
	const report = await readFile($("check-report"));
	if (!report) {
		say("Choose a report first.", true);
		return;
	}
	const body = { report };
	const glossary = await readFile($("check-glossary"));
	if (glossary)
		body.glossary = glossary;
	if ($("check-source").value)
		body.source = $("check-source").value;
	try {
		const r = await api("/check", { method: "POST", json: body });
		state.checkUpload = body;
		$("check-html").disabled = false;
		renderFindings(r);
		say(r.summary.findings + " findings in " + r.summary.units + " units.");
	} catch (e) {
		say(e.status === 413 ? "The files are too large for this server." : e.message, true);
	}
}

function side(f, which) {
	const text = f[which] || "";
	if (f.mark && f.mark.side === which)
		return marked(byteSpan(text, f.mark.start, f.mark.length));
	return [text];
}

function renderFindings(r) {
	const by = {};
	for (const f of r.findings)
		(by[f.check] = by[f.check] || []).push(f);
	const groups = Object.keys(by).sort().map((c) => el("div", { class: "card" },
		el("h3", {}, c + " (" + by[c].length + ")"),
		by[c].map((f) => el("div", { class: "finding" },
			el("p", {}, el("span", { class: "sev-" + f.severity }, f.severity), " ",
			   (f.file ? f.file + ":" : "") + (f.unit || "") + " — " + f.message),
			f.source !== undefined ? el("p", {}, "source: ", side(f, "source")) : null,
			f.target !== undefined ? el("p", {}, "target: ", side(f, "target")) : null))));
	clear($("check-out"), groups.length ? groups : el("p", {}, "No findings."));
}

async function checkHtml() {
	if (!state.checkUpload)
		return;
	try {
		const r = await api("/check?format=html", { method: "POST", json: state.checkUpload,
							    raw: true });
		const url = URL.createObjectURL(await r.blob());
		const a = el("a", { href: url, download: "sverka-check.html" });
		document.body.append(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(url), 10000);
	} catch (e) {
		say(e.message, true);
	}
}

function dropFiles(ev) {
	ev.preventDefault();
	$("drop").classList.remove("over");
	for (const f of ev.dataTransfer.files) {
		const target = /\.(tbx|csv|utf8)$/i.test(f.name) ? "check-glossary" : "check-report";
		const dt = new DataTransfer();
		dt.items.add(f);
		$(target).files = dt.files;
	}
}

// ---- start -----------------------------------------------------------------

async function login(ev) {
	ev.preventDefault();
	try {
		await api("/login", { method: "POST", json: { name: $("login-name").value,
							      password: $("login-password").value } });
		$("login-password").value = "";
		await loadSession();
		say("");
		route();
	} catch (e) {
		say(e.message, true);
	}
}

function debounce(fn, ms) {
	let t = 0;
	return () => {
		clearTimeout(t);
		t = setTimeout(fn, ms);
	};
}

async function start() {
	document.body.dataset.busy = "0";
	$("login-form").addEventListener("submit", login);
	const refilter = () => {
		state.offset = 0;
		state.selected = 0;
		loadPairs();
	};
	for (const id of ["f-status", "f-kind", "f-score"])
		$(id).addEventListener("change", refilter);
	$("f-text").addEventListener("input", debounce(refilter, 250));
	$("filters").addEventListener("submit", (e) => e.preventDefault());
	$("prev").addEventListener("click", () => {
		state.offset = Math.max(0, state.offset - PAGE);
		state.selected = 0;
		loadPairs();
	});
	$("next").addEventListener("click", () => {
		state.offset += PAGE;
		state.selected = 0;
		loadPairs();
	});
	$("editor").addEventListener("submit", saveEditor);
	$("editor-cancel").addEventListener("click", closeEditor);
	$("lookup-form").addEventListener("submit", lookup);
	$("search-form").addEventListener("submit", search);
	$("check-form").addEventListener("submit", check);
	$("check-html").addEventListener("click", checkHtml);
	$("drop").addEventListener("dragover", (e) => {
		e.preventDefault();
		$("drop").classList.add("over");
	});
	$("drop").addEventListener("dragleave", () => $("drop").classList.remove("over"));
	$("drop").addEventListener("drop", dropFiles);
	document.addEventListener("keydown", onKey);
	window.addEventListener("hashchange", route);
	try {
		await loadSession();
	} catch (e) {
		say(e.message, true);
	}
	route();
}

start();
