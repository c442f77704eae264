// The review page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): the review flow from the keyboard, a hostile article that
// must stay text, lookup, documents and the check upload with its HTML
// download, at 1280x800 and in a narrow window. Screenshots are kept in
// $SV_BUILD_ROOT/tests/web/screenshots. Prints TAP; skips what is missing.
//
// usage: node review.mjs SVERKA
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.SV_SOURCE_ROOT || path.resolve(here, "../..");
const sverka = process.argv[2];
const chromiumPath = process.env.SV_CHROMIUM || "/usr/bin/chromium";
const shots = path.join(process.env.SV_BUILD_ROOT || path.join(root, "build"), "tests/web/screenshots");
const STEP_TIMEOUT = 15000;
const HOSTILE = 'Заявление <script>alert("x")</script> о ОДКБ: "Россия" \' onmouseover="alert(1)" ' +
	"<img src=x onerror=alert(2)> поддерживает Киргизию.\n";

let playwright;
try {
	playwright = await import("playwright-core");
} catch (e) {
	console.log("1..0 # SKIP playwright-core is not installed (npm ci --prefix tests/web)");
	process.exit(0);
}
if (!fs.existsSync(chromiumPath)) {
	console.log(`1..0 # SKIP no Chromium at ${chromiumPath} (Debian package chromium)`);
	process.exit(0);
}

let n = 0, failed = 0;
function tap(ok, what, detail) {
	n++;
	if (!ok)
		failed++;
	console.log(`${ok ? "ok" : "not ok"} ${n} - ${what}`);
	if (!ok && detail !== undefined)
		for (const l of String(typeof detail === "string" ? detail : JSON.stringify(detail))
			.split("\n").slice(0, 15))
			console.log("# " + l);
	return ok;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sv-web-"));
const memory = path.join(tmp, "memory.db");
fs.mkdirSync(shots, { recursive: true });
fs.writeFileSync(path.join(tmp, "hostile.txt"), HOSTILE);

function sv(...args) {
	const r = spawnSync(sverka, ["-q", "--memory", memory, ...args], { encoding: "utf8",
		timeout: 300000 });
	if (r.status !== 0)
		throw new Error(`sverka ${args.join(" ")}: ${r.stderr}`);
	return r.stdout;
}

let server, context;
const dialogs = [];
async function main() {
	sv("add", path.join(root, "memories/seeds"), path.join(tmp, "hostile.txt"));
	sv("align");
	server = spawn(sverka, ["--memory", memory, "serve", "--listen", "127.0.0.1:0"],
		       { stdio: ["ignore", "pipe", "pipe"] });
	const port = await new Promise((resolve, reject) => {
		let out = "";
		const t = setTimeout(() => reject(new Error("no URL from sverka serve: " + out)), 60000);
		server.stdout.on("data", (d) => {
			out += d;
			const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
			if (m) {
				clearTimeout(t);
				resolve(Number(m[1]));
			}
		});
		server.on("exit", (c) => reject(new Error("sverka serve exited " + c)));
	});
	const base = `http://127.0.0.1:${port}`;
	const apiGet = async (p) => (await fetch(base + "/api/v1" + p)).json();
	tap(true, "sverka serve started for the browser");

	context = await playwright.chromium.launchPersistentContext(path.join(tmp, "profile"), {
		executablePath: chromiumPath,
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		       "--disable-background-networking", "--disable-component-update",
		       "--disable-sync"],
		viewport: { width: 1280, height: 800 },
		acceptDownloads: true,
	});
	context.setDefaultTimeout(STEP_TIMEOUT);
	const page = context.pages()[0] || await context.newPage();
	page.on("dialog", async (d) => {
		dialogs.push(d.message());
		await d.dismiss();
	});
	const consoleErrors = [];
	page.on("pageerror", (e) => consoleErrors.push(String(e)));

	// ---- the list and the count left
	await page.goto(base + "/#review");
	await page.waitForSelector("#pairs tbody tr");
	await page.waitForSelector("#detail h2");
	const leftText = await page.textContent("#left");
	const stats = await apiGet("/stats");
	tap(leftText.startsWith(String(stats.by_status.candidate) + " left"),
	    "the count still to review is shown", leftText);
	const rows = await page.$$eval("#pairs tbody tr", (r) => r.length);
	tap(rows === Math.min(50, stats.by_status.candidate), "the list shows a page of candidates", rows);
	const headers = await page.$$eval("#pairs thead th", (t) => t.map((x) => x.textContent));
	tap(["Status", "Russian", "Bulgarian", "Class", "Score", "Freq"].every((h) => headers.includes(h)),
	    "the list has status, class, score and frequency", headers);
	const keys = await page.textContent(".keys");
	tap(/approve/.test(keys) && /undo/.test(keys) && /next unreviewed/.test(keys),
	    "the keyboard shortcuts are shown on screen", keys);
	await page.screenshot({ path: path.join(shots, "review.png") });
	tap(fs.statSync(path.join(shots, "review.png")).size > 10000, "screenshot review.png kept");

	// ---- the hostile article stays text
	await page.fill("#f-text", "ОДКБ");
	await page.waitForFunction(() => [...document.querySelectorAll("#pairs tbody tr")]
		.every((r) => /ОДК/i.test(r.textContent)) && document.querySelector("#pairs tbody tr"));
	await page.waitForFunction(() => /ОДК/.test(document.querySelector("#detail h2")?.textContent || ""));
	await page.waitForFunction(() => document.querySelectorAll("#detail .conc li").length > 0);
	if (await page.$("#more")) {
		const shown = await page.$$eval("#detail .conc li", (l) => l.length);
		await page.locator("#detail h2").click(); /* the keys act outside the text fields */
		await page.keyboard.press("m");
		await page.waitForFunction((k) => document.querySelectorAll("#detail .conc li").length > k,
					   shown);
	}
	const detailText = await page.textContent("#detail");
	const injected = await page.$$eval("#detail script, #detail img, #detail [onmouseover]",
					   (e) => e.length);
	tap(detailText.includes('<script>alert("x")</script>') && injected === 0,
	    "an article's <script>, <img onerror> and quotes show as text, never as markup",
	    { injected, has: detailText.includes("<script>") });
	const markText = await page.$$eval("#detail .conc mark", (m) => m.map((x) => x.textContent));
	tap(markText.length > 0 && markText.every((m) => /одк/i.test(m)),
	    "the term is highlighted in its concordance lines", markText);
	await page.screenshot({ path: path.join(shots, "review-hostile.png") });

	// ---- decisions from the keyboard, persisted, undone
	await page.fill("#f-text", "");
	await page.waitForFunction((n) => document.querySelectorAll("#pairs tbody tr").length === n,
				   rows);
	await page.click("#pairs tbody tr:first-child");
	await page.waitForFunction(() => document.querySelector("#detail h2"));
	const firstId = Number(await page.getAttribute("#pairs tbody tr:first-child", "data-id"));
	await page.keyboard.press("a");
	await page.waitForFunction((id) => !document.querySelector(`#pairs tbody tr[data-id="${id}"]`),
				   firstId);
	let p = await apiGet(`/pairs/${firstId}?lines=0`);
	tap(p.status === "approved", "A approves the selected pair and it leaves the candidate list", p.status);
	const left2 = await page.textContent("#left");
	tap(left2.startsWith(String(stats.by_status.candidate - 1)), "the count left goes down", left2);
	await page.keyboard.press("u");
	await page.waitForFunction((id) => document.querySelector(`#pairs tbody tr[data-id="${id}"]`),
				   firstId);
	p = await apiGet(`/pairs/${firstId}?lines=0`);
	tap(p.status === "candidate", "U undoes the last decision", p.status);

	const idle = () => page.waitForSelector('body[data-busy="0"]', { state: "attached" });
	const selectedId = async () => {
		await idle();
		return Number(await page.getAttribute('#pairs tbody tr[aria-selected="true"]', "data-id"));
	};
	await page.click("#pairs tbody tr:nth-child(2)");
	await page.waitForFunction(() => document.querySelector("#detail h2"));
	const rejectId = await selectedId();
	await page.keyboard.press("r");
	await page.waitForFunction((id) => !document.querySelector(`#pairs tbody tr[data-id="${id}"]`),
				   rejectId);
	await page.keyboard.press("ArrowDown");
	const forbidId = await selectedId();
	await page.waitForFunction((id) => document.querySelector("#detail h2") &&
		document.querySelector(`#pairs tbody tr[data-id="${id}"][aria-selected="true"]`), forbidId);
	await page.keyboard.press("f");
	await page.waitForFunction((id) => !document.querySelector(`#pairs tbody tr[data-id="${id}"]`),
				   forbidId);
	await page.reload();
	await page.selectOption("#f-status", "");
	await page.waitForFunction(() => document.querySelectorAll("#pairs .st-rejected, #pairs .st-forbidden").length >= 2);
	const rj = await apiGet(`/pairs/${rejectId}?lines=0`), fb = await apiGet(`/pairs/${forbidId}?lines=0`);
	tap(rj.status === "rejected" && fb.status === "forbidden",
	    "R rejects and F forbids; the decisions survive a reload", [rj.status, fb.status]);

	// a note through the editor, from the keyboard
	await page.selectOption("#f-status", "candidate");
	await page.waitForSelector("#pairs tbody tr");
	await page.click("#pairs tbody tr:first-child");
	await page.waitForFunction(() => document.querySelector("#detail h2"));
	const noteId = await selectedId();
	await page.keyboard.press("n");
	await page.waitForSelector("#editor:not([hidden])");
	await page.keyboard.type('проверить "контекст" <b>');
	await page.keyboard.press("Enter");
	await page.waitForFunction(() => document.querySelector("#detail .note"));
	p = await apiGet(`/pairs/${noteId}?lines=0`);
	tap(p.note === 'проверить "контекст" <b>' &&
	    (await page.textContent("#detail .note")).includes("<b>"),
	    "N writes a note, shown as typed", p.note);
	// Space: the next unreviewed pair
	const before = await selectedId();
	await page.keyboard.press(" ");
	await page.waitForFunction((id) => {
		const s = document.querySelector('#pairs tbody tr[aria-selected="true"]');
		return s && Number(s.dataset.id) !== id;
	}, before);
	tap((await page.textContent('#pairs tbody tr[aria-selected="true"] .st')) === "candidate",
	    "Space moves to the next unreviewed pair");
	// a stale decision: someone else decides at the command line meanwhile
	const staleId = await selectedId();
	sv("term", "approve", String(staleId));
	await page.keyboard.press("r");
	await page.waitForFunction(() => /changed this pair/.test(document.querySelector("#status").textContent));
	p = await apiGet(`/pairs/${staleId}?lines=0`);
	tap(p.status === "approved", "a decision on a pair changed meanwhile is refused and said so",
	    p.status);

	// ---- narrow window
	await page.setViewportSize({ width: 600, height: 900 });
	await page.waitForTimeout(200);
	const listBox = await page.locator(".list-pane").boundingBox();
	const detailBox = await page.locator("#detail").boundingBox();
	tap(detailBox.y >= listBox.y + listBox.height - 1 && detailBox.width <= 600,
	    "in a narrow window the evidence goes under the list", { listBox, detailBox });
	await page.screenshot({ path: path.join(shots, "review-narrow.png"), fullPage: true });
	await page.setViewportSize({ width: 1280, height: 800 });

	// ---- lookup
	await page.click('nav a[data-view="lookup"]');
	await page.fill("#lookup-q", "России");
	await page.keyboard.press("Enter");
	await page.waitForSelector("#lookup-out .card");
	const lk = await page.textContent("#lookup-out");
	tap(lk.includes("Россия") && lk.includes("Русия"), "lookup of an inflected form shows its equivalent");
	await page.screenshot({ path: path.join(shots, "lookup.png") });

	// ---- documents
	await page.click('nav a[data-view="documents"]');
	await page.waitForSelector("#docs-out table");
	const docLink = page.locator('#docs-out a[href^="#documents/pair-"]').first();
	await docLink.click();
	await page.waitForSelector("#docs-out h2");
	await page.waitForFunction(() => /↔/.test(document.querySelector("#docs-out h2").textContent));
	tap(true, "a document pair opens side by side");
	await page.click('nav a[data-view="documents"]');
	await page.waitForSelector('#docs-out a[href="#documents/6"]');
	await page.click('#docs-out a[href="#documents/6"]');
	await page.waitForSelector("#docs-out ol li");
	const docText = await page.textContent("#docs-out ol");
	tap(docText.includes("<img src=x onerror=alert(2)>") &&
	    (await page.$$eval("#docs-out img, #docs-out script", (e) => e.length)) === 0,
	    "a hostile document's text is shown as text");

	// ---- check upload
	await page.click('nav a[data-view="check"]');
	await page.setInputFiles("#check-report", path.join(root, "tests/data/check/report.xlf"));
	await page.setInputFiles("#check-glossary", path.join(root, "tests/data/check/glossary.tbx"));
	await page.click('#check-form button[type="submit"]');
	await page.waitForSelector("#check-out .card");
	const groups = await page.$$eval("#check-out .card h3", (h) => h.map((x) => x.textContent));
	tap(groups.some((g) => g.startsWith("term-forbidden")) && groups.length >= 3,
	    "the check upload shows findings grouped by check", groups);
	const marks = await page.$$eval("#check-out mark", (m) => m.map((x) => x.textContent));
	tap(marks.includes("ОДКБ"), "the offending words are marked", marks);
	await page.screenshot({ path: path.join(shots, "check.png"), fullPage: true });
	const [download] = await Promise.all([page.waitForEvent("download"), page.click("#check-html")]);
	const saved = path.join(tmp, "report.html");
	await download.saveAs(saved);
	tap(/<html/i.test(fs.readFileSync(saved, "utf8")), "the HTML report downloads");

	// ---- logins: a second server with --users
	const hash = spawnSync(sverka, ["serve", "--hash-password"], { input: "тайна-рады\n",
		encoding: "utf8", timeout: 60000 }).stdout.trim();
	fs.writeFileSync(path.join(tmp, "users"), `rada:reviewer:${hash}\n`);
	const server2 = spawn(sverka, ["--memory", memory, "serve", "--listen", "127.0.0.1:0", "--users",
				       path.join(tmp, "users")], { stdio: ["ignore", "pipe", "ignore"] });
	try {
		const port2 = await new Promise((resolve, reject) => {
			let out = "";
			const t = setTimeout(() => reject(new Error("no URL: " + out)), 60000);
			server2.stdout.on("data", (d) => {
				out += d;
				const m = /:(\d+)\//.exec(out);
				if (m) {
					clearTimeout(t);
					resolve(Number(m[1]));
				}
			});
		});
		const page2 = await context.newPage();
		page2.on("pageerror", (e) => consoleErrors.push(String(e)));
		await page2.goto(`http://127.0.0.1:${port2}/#review`);
		await page2.waitForSelector("#view-login:not([hidden])");
		tap(await page2.isHidden("#view-review"), "with --users the page asks for a login first");
		await page2.fill("#login-name", "rada");
		await page2.fill("#login-password", "тайна-рады");
		await page2.keyboard.press("Enter");
		await page2.waitForSelector("#pairs tbody tr");
		await page2.waitForSelector("#detail h2");
		const cookieFlags = (await context.cookies(`http://127.0.0.1:${port2}`))
			.find((c) => c.name === "sverka_session");
		tap(cookieFlags && cookieFlags.httpOnly && cookieFlags.sameSite === "Strict",
		    "the session cookie is HttpOnly and SameSite=Strict", cookieFlags);
		await page2.locator("#detail h2").click();
		const id2 = Number(await page2.getAttribute('#pairs tbody tr[aria-selected="true"]',
							   "data-id"));
		await page2.keyboard.press("a");
		await page2.waitForFunction((id) =>
			!document.querySelector(`#pairs tbody tr[data-id="${id}"]`), id2);
		const trail = spawnSync(sverka, ["--memory", memory, "terms", "--history"],
					{ encoding: "utf8" }).stdout;
		tap(new RegExp(`rada +${id2} `).test(trail),
		    "a logged-in decision (with its CSRF token) is recorded under the user's name",
		    trail.split("\n").slice(-3).join("\n"));
		await page2.close();
	} finally {
		server2.kill("SIGTERM");
	}

	// ---- keyboard reachability, no script ran, no page errors
	await page.goto(base + "/#review");
	await page.waitForSelector("#pairs tbody tr");
	await page.keyboard.press("Tab");
	const focused = await page.evaluate(() => document.activeElement && document.activeElement.tagName);
	tap(focused === "A", "Tab reaches the navigation first", focused);
	tap(dialogs.length === 0, "no script from the memory or an upload ever ran", dialogs);
	tap(consoleErrors.length === 0, "the page raised no error", consoleErrors);
}

try {
	await main();
} catch (e) {
	tap(false, "the browser run finished", e.stack || String(e));
} finally {
	if (context)
		await context.close().catch(() => {});
	if (server && server.exitCode === null) {
		server.kill("SIGTERM");
		await new Promise((r) => server.exitCode !== null ? r() : server.on("exit", r));
	}
	fs.rmSync(tmp, { recursive: true, force: true });
	console.log(`1..${n}`);
	process.exit(failed ? 1 : 0);
}
