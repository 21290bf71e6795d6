// The main pages with the keyboard alone, as a person who cannot use a mouse works: the skip
// link comes first and moves the focus to the content, every stop the Tab key reaches shows
// where the focus is, the sign-in and a new case are done without the mouse, and the case page's
// forms are reached in reading order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceAndBrowserForThisFile, personIn, PASSWORD } from './harness.mjs';

let service;
let browser;

serviceAndBrowserForThisFile((s, b) => {
  service = s;
  browser = b;
});

// What has the focus now: its tag, id, text, and whether it shows it (an outline or a ring).
async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return { tag: e.tagName.toLowerCase(), id: e.id, text: (e.innerText || e.value || '').trim().slice(0, 60),
      visible: outline || style.boxShadow !== 'none' };
  });
}

// Tabs until `wanted` has the focus, at most `limit` times; every stop on the way must show it.
async function tabTo(page, wanted, limit = 40) {
  const stops = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    stops.push(now);
    assert.ok(now.visible, `the focus on ${now.tag}#${now.id} "${now.text}" is not visible`);
    if (wanted(now)) return stops;
  }
  assert.fail(`not reached within ${limit} Tab presses; the stops were ${stops.map((s) => `${s.tag}#${s.id}`).join(' ')}`);
}

test('a person signs in, moves past the navigation and opens a case with the keyboard alone', async () => {
  service.addUser('karin', 'Tangentbordets kommun', ['procurer']);
  const { page } = await personIn(browser, service);
  await page.goto('/login');

  // The first stop is the skip link, shown when it has the focus.
  await page.keyboard.press('Tab');
  const first = await focused(page);
  assert.equal(first.text, 'Hoppa till innehållet');
  assert.ok(first.visible);
  assert.ok(await page.locator('.skip-link').evaluate((e) => e.getBoundingClientRect().left >= 0),
    'the skip link comes into view when it has the focus');

  await tabTo(page, (f) => f.id === 'username');
  await page.keyboard.type('karin');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'password', 'the password comes right after the user name');
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForURL('**/todo'), page.keyboard.press('Enter')]);

  // The skip link moves the focus past the header to the page's content.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Hoppa till innehållet');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'main', 'the skip link gives the focus to the main content');

  // A new case: the link, then the form's fields in reading order, sent with Enter.
  await page.goto('/cases/new');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const stops = await tabTo(page, (f) => f.id === 'registry_number');
  assert.ok(stops.every((s) => s.tag !== 'main'), 'no stop is lost on the page itself');
  await page.keyboard.type('KS 2026/77');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'title');
  await page.keyboard.type('Tangentbordets tjänst');
  await Promise.all([page.waitForURL(/\/cases\/[0-9a-f-]+$/), page.keyboard.press('Enter')]);
  assert.match(await page.locator('h1').innerText(), /KS 2026\/77 Tangentbordets tjänst/);

  // The case page: the gate decision's form is reached with Tab, each stop visible on the way.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await tabTo(page, (f) => f.id === 'gate', 200);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'outcome', 'the outcome follows the gate');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'rationale', 'then the rationale');
});
