// Drives headless Chromium over the DevTools protocol (Node's WebSocket)
// through caseflow serve as a user would: log in, the dashboard, a period
// and a locality, an indicator, a journey, log out. Prints "ok - ..." or
// "not ok - ..." per check for 71_serve_chromium.sh; screenshots to argv[4].
// usage: node --experimental-websocket 71_serve_browser.mjs DEVTOOLS_WS BASE_URL "USER PASSWORD" OUTDIR
import { writeFileSync } from 'node:fs';

const [wsUrl, base, cred, outDir] = process.argv.slice(2);
const [user, password] = cred.split(' ');
const ws = new WebSocket(wsUrl);
let seq = 0;
const pending = new Map(), waiters = [], problems = [];
ws.onmessage = (ev) => {
	const m = JSON.parse(ev.data);
	if (m.id && pending.has(m.id)) {
		const { ok, fail } = pending.get(m.id);
		pending.delete(m.id);
		m.error ? fail(new Error(JSON.stringify(m.error))) : ok(m.result);
		return;
	}
	if (m.method === 'Runtime.exceptionThrown')
		problems.push('exception: ' + m.params.exceptionDetails.text);
	if (m.method === 'Runtime.consoleAPICalled' && /error|warning|assert/.test(m.params.type))
		problems.push('console ' + m.params.type + ': ' + JSON.stringify(m.params.args.map((a) => a.value)));
	if (m.method === 'Log.entryAdded' && /error|warning/.test(m.params.entry.level))
		problems.push('log ' + m.params.entry.level + ': ' + m.params.entry.text + ' ' + (m.params.entry.url || ''));
	for (const w of waiters.splice(0))
		if (w.method === m.method) w.resolve(m.params); else waiters.push(w);
};
const send = (method, params = {}) => new Promise((ok, fail) => {
	const id = ++seq;
	pending.set(id, { ok, fail });
	ws.send(JSON.stringify({ id, method, params }));
});
const event = (method) => new Promise((resolve) => waiters.push({ method, resolve }));
const evaluate = async (expr) => (await send('Runtime.evaluate', { expression: expr, returnByValue: true })).result.value;
const loaded = async (action) => { const l = event('Page.loadEventFired'); await action(); await l; };
const go = (url) => loaded(() => send('Page.navigate', { url: base + url }));
const submit = (formSelector) => loaded(() => evaluate(`document.querySelector(${JSON.stringify(formSelector)}).submit()`));
const path = () => evaluate('location.pathname + location.search');
const check = (ok, what) => console.log((ok ? 'ok - ' : 'not ok - ') + what);
const viewport = (width) => send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false });
const shot = async (name) => {
	const r = await send('Page.captureScreenshot', { format: 'png' });
	writeFileSync(`${outDir}/${name}.png`, Buffer.from(r.data, 'base64'));
};
// after a frame has been drawn: straight after the load event the width can
// still be that of the layout before the viewport changed
const wide = async () => { await new Promise((r) => setTimeout(r, 300)); return evaluate('document.documentElement.scrollWidth'); };

ws.onopen = async () => {
	try {
		await send('Page.enable');
		await send('Runtime.enable');
		await send('Log.enable');
		await viewport(1280);
		await go('/');
		check((await path()) === '/login', 'not logged in, / lands on /login');
		await evaluate(`document.getElementById('user').value = ${JSON.stringify(user)};
				document.getElementById('password').value = ${JSON.stringify(password)}; 1`);
		await submit('form.login');
		check((await path()) === '/', 'logging in lands on the Vital Signs');
		const panels = await evaluate('document.querySelectorAll("section.panel").length');
		check(panels >= 10 && await evaluate('!!document.getElementById("headlines")'), `the dashboard renders its panels (${panels})`);
		check(await evaluate('getComputedStyle(document.querySelector("header.top")).backgroundColor') === 'rgb(22, 54, 92)',
		      'the style sheet is applied (served from the same origin)');
		await shot('dashboard-1280');
		const w1280 = await wide();
		check(w1280 <= 1280, `nothing is wider than 1280 px (${w1280})`);
		await evaluate(`document.getElementById('period').value = '2023-24';
				document.getElementById('locality').value = 'North'; 1`);
		await submit('form.choose');
		const p = await path();
		check(/period=2023-24/.test(p) && /locality=North/.test(p) && await evaluate('!!document.getElementById("locality")'),
		      'choosing a period and a locality shows that locality');
		await go('/indicator/cla_started');
		check(/Trend by financial year/.test(await evaluate('document.body.textContent')), 'an indicator: its trend and breakdowns');
		await go('/child/A');
		check(/Events in date order/.test(await evaluate('document.body.textContent')), 'drilling down to a journey (child-level, audited)');
		await viewport(1024);
		await go('/');
		await shot('dashboard-1024');
		const w1024 = await wide();
		check(w1024 <= 1024, `at 1024 px nothing is wider than the window (${w1024})`);
		await submit('nav.site form');
		check((await path()) === '/login', 'logging out lands on /login');
		await go('/');
		check((await path()) === '/login', 'after logging out the dashboard is closed');
		check(problems.length === 0, 'no console errors, warnings or blocked resources' + (problems.length ? ': ' + problems.join(' | ') : ''));
	} catch (e) {
		check(false, 'the browser session ran to the end: ' + e.message);
	}
	ws.close();
	process.exit(0);
};
ws.onerror = (e) => { check(false, 'DevTools connection: ' + e.message); process.exit(0); };
setTimeout(() => { check(false, 'the browser session finished within 120 s'); process.exit(0); }, 120000);
