// The whole chain as the people who use it walk it, in Debian's Chromium: a procurement officer
// signs in, classifies an information asset with the guided questions, opens a case, works
// through the prestudy to the decision to procure, reviews the generated specification and its
// reasons, strikes a requirement with a reason and downloads the documents; she invites a
// supplier, whose bid manager answers; she opens, evaluates and awards, makes the contract,
// approves the delivery, records a quarterly follow-up with a deviation, and takes the case
// through the exit. Every page on the way is checked with axe-core's WCAG 2.1 A and AA rules,
// and the main pages are photographed at a desktop and a mobile width.
//
// Time moves as in a real procurement: the service is restarted under libfaketime a day later
// (after the tender deadline), two weeks later (after the standstill) and a quarter later (when
// the first follow-up is due). The service, its database and the browser are the real ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceAndBrowserForThisFile, personIn, Checker, PASSWORD, SCREENSHOT_DIR } from './harness.mjs';

const ORG = 'Exempelby kommun';
let service;
let browser;
const checker = new Checker();

serviceAndBrowserForThisFile((s, b) => {
  service = s;
  browser = b;
});

// What a person sees: the text of the page's main region.
async function seen(page) {
  return page.locator('main').innerText();
}

// Each navigation is a page the person looks at: it is checked, and photographed when asked.
async function look(page, name, options) {
  await page.waitForLoadState('load');
  assert.deepEqual(page.scriptErrors, [], 'no script error on the page');
  await checker.check(page, name, options);
  return seen(page);
}

async function go(page, path, name, options) {
  const response = await page.goto(path);
  assert.ok(response.status() < 400, `${path} answered ${response.status()}`);
  return look(page, name, options);
}

// Clicks something that loads a new page (a form's button, a link) and looks at the result.
async function press(page, locator, name, options) {
  const navigated = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
  await locator.click();
  await navigated;
  return look(page, name, options);
}

// Sends a form that updates its part of the page in place (data-inplace): no page load, the
// page's update counter moves on, and the result is looked at like any page.
async function pressInPlace(page, locator, name, options) {
  const before = await page.evaluate(() => document.documentElement.dataset.updates || '0');
  const url = page.url();
  await locator.click();
  await page.waitForFunction((n) => (document.documentElement.dataset.updates || '0') !== n, before)
    .catch((error) => assert.fail(`${name}: the page was not updated in place (${error.message}); ` +
      `script errors: ${page.scriptErrors.join('; ') || 'none'}`));
  assert.equal(page.url(), url, 'the page stays where it is');
  return look(page, name, options);
}

async function signIn(page, username, password = PASSWORD) {
  await go(page, '/login', 'sign-in', { screenshot: true });
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  return press(page, page.getByRole('button', { name: 'Logga in' }), 'after-sign-in');
}

function dateIn(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

const GATE_NAMES = {
  need_identified: 'Identifierat behov',
  procure_decision: 'Beslut att upphandla',
  documents_approved: 'Upphandlingsdokument godkända',
  award_decided: 'Tilldelningsbeslut',
  contract_signed: 'Avtal tecknat',
  delivery_approved: 'Leverans godkänd',
  exit_decided: 'Beslut om avslut',
  relationship_closed: 'Leverantörsrelationen avslutad',
};

// Records as done, each with its own form on the case page, every open activity that must be
// settled before the gate: the process's own and those the organisation's rules add.
async function settle(page, gate) {
  const before = `Före beslutspunkten: ${GATE_NAMES[gate]}.`;
  const keys = await page.locator('.activity').evaluateAll((activities, text) => activities
    .filter((a) => a.innerText.includes(text) && a.querySelector('select[name=status]')?.value === 'open')
    .map((a) => a.id.slice('activity-'.length)), before);
  for (const key of new Set(keys)) {
    const activity = page.locator(`#activity-${key}`).first();
    await activity.locator('summary', { hasText: 'Registrera' }).click();
    await activity.locator('select[name=status]').selectOption('done');
    await activity.locator('textarea[name=comment]').fill('Klart enligt vägledningen.');
    await pressInPlace(page, activity.getByRole('button'), `case-activity-${key}`);
  }
}

async function decide(page, caseId, gate, rationale) {
  await go(page, `/cases/${caseId}`, `case-before-${gate}`);
  await settle(page, gate);
  await page.locator('#gate').selectOption(gate);
  await page.locator('#outcome').selectOption('approved');
  await page.locator('#rationale').fill(rationale);
  const text = await press(page, page.getByRole('button', { name: 'Registrera beslutet' }), `case-after-${gate}`);
  assert.match(text, new RegExp(`${GATE_NAMES[gate]}\tGodkänt`), `the gate ${gate} was not passed:\n${text.slice(0, 1500)}`);
  return text;
}

// The steps of one journey: after one fails, the rest are reported as not run, since each
// builds on the one before.
function stepper(t) {
  let failed = null;
  return async (name, fn) => t.test(name, async (st) => {
    if (failed) {
      st.skip(`not run: the step "${failed}" failed`);
      return;
    }
    try {
      await fn();
    } catch (e) {
      failed = name;
      throw e;
    }
  });
}

async function restartLater(days) {
  await service.restart({ days });
}

test('a procurement from the first asset to the exit, in the browser', async (t) => {
  service.addUser('anna', ORG, ['procurer', 'contract_manager', 'information_owner']);
  const step = stepper(t);
  const anna = await personIn(browser, service);
  const page = anna.page;
  let caseId;
  let tenderId;
  let supplierLogin;
  let contractPath;
  let measureId;

  await step('she signs in and lands on her to-do list, empty so far', async () => {
    const text = await signIn(page, 'anna');
    assert.match(text, /Att göra/);
    assert.match(text, /Inget väntar på dig just nu\./);
  });

  await step('she classifies an information asset with the guided questions', async () => {
    await go(page, '/assets', 'assets-empty', { screenshot: true });
    await go(page, '/assets/new', 'asset-new', { screenshot: true });
    await page.locator('#name').fill('Trygghetslarmets brukarregister');
    await page.locator('#owner_user_id').selectOption({ label: 'anna' });
    await page.locator('#q_personal_data').selectOption('yes_sensitive');
    let text = await press(page, page.getByRole('button', { name: /Föreslå klassning/ }), 'asset-proposal');
    assert.match(text, /förslag/i);
    assert.ok(await page.locator('#flag_sensitive_personal_data').isChecked(), 'the proposal ticks sensitive personal data');
    await page.locator('#confidentiality').selectOption('3');
    await page.locator('#integrity').selectOption('2');
    await page.locator('#availability').selectOption('3');
    text = await press(page, page.getByRole('button', { name: 'Spara', exact: true }), 'asset', { screenshot: true });
    assert.match(text, /Trygghetslarmets brukarregister/);
    assert.match(text, /Känsliga personuppgifter/);
    // As its information owner, the approval now waits for her on her start page.
    text = await go(page, '/todo', 'todo-approval', { screenshot: true });
    assert.match(text, /Klassningar att godkänna/);
    await press(page, page.getByRole('link', { name: 'Trygghetslarmets brukarregister' }), 'asset-from-todo');
    text = await press(page, page.getByRole('button', { name: /Godkänn klassningen/ }), 'asset-approved');
    assert.match(text, /[Gg]odkänd/);
  });

  await step('she opens a case and links the asset', async () => {
    await go(page, '/cases/new', 'case-new', { screenshot: true });
    await page.locator('#registry_number').fill('KS 2026/1234');
    await page.locator('#title').fill('Trygghetslarm');
    await page.locator('#object_type').selectOption('service');
    await page.locator('#law').selectOption('LOU');
    await page.locator('#tender_deadline').fill(dateIn(0));
    await page.locator('#delivery_model').selectOption('cloud_saas');
    await page.locator('#operator').selectOption('external');
    await page.locator('#support').selectOption('external');
    await page.locator('#hosting_location').selectOption('eu_eea_cloud');
    let text = await press(page, page.getByRole('button', { name: /Skapa|Spara/ }).first(), 'case-created');
    caseId = new URL(page.url()).pathname.split('/').pop();
    assert.match(text, /KS 2026\/1234 Trygghetslarm/);
    await page.locator('#asset_id').selectOption({ index: 0 });
    text = await press(page, page.locator('#assets').getByRole('button', { name: 'Koppla' }), 'case', { screenshot: true });
    assert.match(text, /Trygghetslarmets brukarregister/);
    assert.match(text, /Nästa beslutspunkt är/);
  });

  await step('she completes the prestudy and records the decision to procure', async () => {
    await decide(page, caseId, 'need_identified', 'Behovet av trygghetslarm är beskrivet.');
    const text = await decide(page, caseId, 'procure_decision', 'Förstudien visar att tjänsten ska upphandlas.');
    assert.match(text, /Beslut att upphandla	Godkänt/);
  });

  await step('she reads the specification with its reasons and strikes a requirement with a reason', async () => {
    let text = await go(page, `/cases/${caseId}/specification`, 'specification', { screenshot: true });
    assert.match(text, /Kravspecifikation/);
    const first = page.locator('ol.requirements > li').first();
    const requirementId = (await first.getAttribute('id')).slice('req-'.length);
    await first.locator('summary', { hasText: 'Varför?' }).click();
    assert.match(await first.locator('details').first().innerText(), /Konfidentialitet|Riktighet|Tillgänglighet|baslinje|gäller/i);
    await first.locator('summary', { hasText: 'Ändra' }).click();
    await first.locator(`#reason-${requirementId}`).fill('Kravet hanteras redan i kommunens ramavtal.');
    text = await pressInPlace(page, first.getByRole('button', { name: `Stryk kravet ${requirementId}` }), 'specification-struck');
    assert.match(text, /Struket eftersom: Kravet hanteras redan i kommunens ramavtal\./);
    assert.equal(await page.evaluate(() => document.activeElement.id), `req-${requirementId}`,
      'the focus stays at the requirement just struck');
    assert.equal(await page.locator('#kk-live').innerText(), 'Sparat.');
    // A long list is filtered as she types, without a page load.
    const total = await page.locator('#requirement-list li[data-search]').count();
    await page.locator('#filter-q').fill(requirementId);
    assert.match(await page.locator('#filter-count').innerText(), new RegExp(`Visar 1 av ${total} krav\\.`));
    assert.equal(await page.locator('#requirement-list li[data-search]:visible').count(), 1);
    await look(page, 'specification-filtered');
    await page.locator('#filter-q').fill('');
    assert.equal(await page.locator('#requirement-list li[data-search]:visible').count(), total);
    measureId = (await page.locator('ol.requirements > li:not(.struck)').first().getAttribute('id')).slice('req-'.length);
  });

  await step('she downloads the specification as DOCX and XLSX', async () => {
    for (const label of ['Word (DOCX)', 'Svarsmatris (XLSX)']) {
      const downloaded = page.waitForEvent('download');
      await page.getByRole('link', { name: label, exact: true }).click();
      const file = await (await downloaded).path();
      assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', `${label} is an Office file`);
    }
  });

  await step('she copies the questions into the tender platform, one group at a time', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await go(page, `/cases/${caseId}/specification`, 'specification-again');
    const text = await press(page, page.getByRole('link', { name: 'Tabeller att kopiera in' }), 'questionnaire',
      { screenshot: true });
    assert.match(text, /Avgörande \(ska-krav\)/);
    const rows = await page.locator('#questions-1 tbody tr').count();
    assert.ok(rows > 0, 'the first group has questions');
    const copy = page.locator('button[data-copy="questions-1"]');
    assert.ok(await copy.isVisible(), 'the script shows the copy button');
    await copy.click();
    await page.waitForFunction(() => document.documentElement.dataset.copied !== undefined);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.copied), String(rows));
    await page.waitForFunction(() => document.getElementById('kk-live').textContent === 'Kopierat.');
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(pasted.split('\n').length, rows + 1, 'a header line and a line per question');
    assert.match(pasted.split('\n')[0], /^Nr\tKrav-id\tRubrik\tFrågetext/);
  });

  await step('she records the deep risk assessment and the evaluation model, and approves the documents', async () => {
    await go(page, `/cases/${caseId}/risks`, 'risks-empty');
    await page.locator('#add-stage').selectOption('deep');
    await page.locator('#add-title').fill('Obehörig åtkomst till brukarregistret via leverantörens support');
    await page.locator('#add-l').selectOption('2');
    await page.locator('#add-k').selectOption('3');
    let text = await press(page, page.getByRole('button', { name: 'Lägg till risken' }), 'risks-added');
    assert.match(text, /Obehörig åtkomst till brukarregistret/);
    // Above the acceptance level: it is treated by a requirement of the specification.
    const risk = page.locator('#register .activity').filter({ hasText: 'Obehörig åtkomst' });
    await risk.locator('summary', { hasText: 'Ändra' }).click();
    await risk.locator('select[name=treatment]').selectOption('reduce');
    await risk.locator('select[name=residual_likelihood]').selectOption('1');
    await risk.locator('select[name=residual_consequence]').selectOption('2');
    await risk.locator('input[list=requirement-list]').fill(measureId);
    text = await press(page, risk.getByRole('button', { name: /^Spara/ }), 'risks', { screenshot: true });
    assert.match(await page.locator('#register .activity').filter({ hasText: 'Obehörig åtkomst' }).innerText(),
      new RegExp(measureId));
    // A risk recorded by mistake: removing it asks first, and nothing is removed when she says no.
    await page.locator('#add-stage').selectOption('deep');
    await page.locator('#add-title').fill('Felregistrerad risk');
    await press(page, page.getByRole('button', { name: 'Lägg till risken' }), 'risks-mistake');
    const mistake = page.locator('#register .activity').filter({ hasText: 'Felregistrerad risk' });
    const questions = [];
    page.once('dialog', (dialog) => { questions.push(dialog.message()); dialog.dismiss(); });
    await mistake.locator('summary', { hasText: 'Ändra' }).click();
    await mistake.getByRole('button', { name: /^Ta bort/ }).click();
    assert.deepEqual(questions, ['Vill du ta bort ”Felregistrerad risk”?']);
    assert.equal(await mistake.count(), 1, 'a question answered no removes nothing');
    page.once('dialog', (dialog) => dialog.accept());
    text = await press(page, mistake.getByRole('button', { name: /^Ta bort/ }), 'risks-removed');
    assert.doesNotMatch(text, /Felregistrerad risk/);
    await go(page, `/cases/${caseId}/tenders`, 'tendering-model');
    await page.locator('#model-method').selectOption('points');
    text = await press(page, page.getByRole('button', { name: 'Spara modellen' }), 'tendering-model-saved');
    await go(page, `/cases/${caseId}`, 'case-team');
    await page.locator('#team-user').selectOption({ label: 'anna' });
    await page.locator('#team-competence').selectOption('upphandling');
    await press(page, page.getByRole('button', { name: 'Lägg till i teamet' }), 'case-team-added');
    // On the team, the case is hers: her start page shows its next gate and what blocks it.
    text = await go(page, '/todo', 'todo-case', { screenshot: true });
    assert.match(text, /Mina ärenden/);
    assert.match(text, /KS 2026\/1234 Trygghetslarm/);
    assert.match(text, /Nästa beslutspunkt är Beslut: upphandlingsdokument godkända/);
    text = await decide(page, caseId, 'documents_approved', 'Upphandlingsdokumenten är granskade och klara att annonsera.');
    assert.match(text, /Upphandlingsdokument godkända\tGodkänt/);
  });

  await step('she registers a supplier and invites it to tender', async () => {
    await go(page, '/suppliers', 'suppliers-empty');
    await page.locator('#add-name').fill('Omsorgsdata AB');
    await page.locator('#add-org').fill('556677-8899');
    await page.locator('#add-country').fill('SE');
    let text = await press(page, page.getByRole('button', { name: 'Lägg till leverantör' }), 'supplier', { screenshot: true });
    assert.match(text, /Omsorgsdata AB/);
    await go(page, `/cases/${caseId}/tenders`, 'tendering-invite');
    await page.locator('#invite-supplier').selectOption({ label: 'Omsorgsdata AB' });
    await page.locator('#invite-username').fill('omsorgsdata');
    await page.locator('#invite-name').fill('Omsorgsdatas anbudsansvarige');
    text = await press(page, page.getByRole('button', { name: 'Bjud in' }), 'tendering-invited');
    const password = await page.locator('.secret').innerText();
    assert.ok(password.length >= 12, 'the supplier\'s first password is shown once');
    supplierLogin = { username: 'omsorgsdata', password };
  });

  await step('the supplier answers every requirement and submits the tender', async () => {
    const supplier = await personIn(browser, service);
    const sp = supplier.page;
    await signIn(sp, supplierLogin.username, supplierLogin.password);
    let text = await look(sp, 'my-tenders', { screenshot: true });
    assert.match(text, /Mina anbud/);
    await press(sp, sp.locator('main table a').first(), 'tender-form', { screenshot: true });
    tenderId = new URL(sp.url()).pathname.split('/').pop();
    await sp.locator('#service').fill('Trygghetslarm som tjänst');
    await sp.locator('#price_sek').fill('850000');
    for (const item of await sp.locator('#answers ol.requirements > li').all()) {
      const choice = item.locator('select[name^="choice."]');
      if (await choice.count()) await choice.selectOption({ index: 1 });
      else await item.locator('textarea[name^="value."]').fill('Uppfylls enligt vår tjänstebeskrivning, avsnitt 4.');
    }
    text = await press(sp, sp.getByRole('button', { name: 'Spara svaren' }), 'tender-saved');
    assert.match(text, /(\d+) \/ \1 krav besvarade/);
    text = await press(sp, sp.getByRole('button', { name: 'Lämna in anbudet' }), 'tender-submitted');
    assert.match(text, /Anbudet lämnades in/);
    await supplier.context.close();
  });

  await step('a day later, after the deadline, she opens the tenders, judges an answer and awards', async () => {
    await restartLater(1);
    let text = await signIn(page, 'anna');
    await go(page, `/cases/${caseId}/tenders`, 'tendering-due');
    await page.locator('#group').getByRole('checkbox').first().check();
    await press(page, page.getByRole('button', { name: 'Spara gruppen' }), 'tendering-group');
    text = await press(page, page.getByRole('button', { name: 'Öppna anbuden' }), 'tendering-opened', { screenshot: true });
    assert.match(text, /Anbuden öppnades av anna/);
    assert.match(text, /850\u00a0000/, 'the price as Swedish readers write it');
    // In the evaluation group, the answers waiting for her judgement are on her start page.
    text = await go(page, '/todo', 'todo-evaluation', { screenshot: true });
    assert.match(text, /Anbud att utvärdera/);
    assert.match(text, /Omsorgsdata AB: \d+ svar att bedöma/);
    await press(page, page.getByRole('link', { name: 'Omsorgsdata AB' }), 'tender-evaluation', { screenshot: true });
    // Every answer the group must judge (a yes to a ska requirement needs no judgement).
    const toJudge = await page.locator('ol.requirements > li').filter({ has: page.locator('select[name=met]') })
      .evaluateAll((items) => items.filter((li) => !li.querySelector('textarea[name=reasoning]').value).map((li) => li.id));
    assert.ok(toJudge.length > 0, 'some answers wait for the group\'s judgement');
    for (const id of toJudge) {
      const item = page.locator(`#${id}`);
      await item.locator('select[name=met]').selectOption('true');
      await item.locator('textarea[name=reasoning]').fill('Tjänstebeskrivningen visar hur kravet uppfylls.');
      text = await pressInPlace(page, item.getByRole('button', { name: /Spara bedömningen/ }), 'tender-judged');
    }
    assert.match(text, /Tjänstebeskrivningen visar hur kravet uppfylls\./);

    await go(page, `/cases/${caseId}/risks`, 'risks-award');
    await page.locator('#add-stage').selectOption('award');
    await page.locator('#add-title').fill('Omsorgsdata AB:s driftleverantör i annat land');
    await page.locator('#add-l').selectOption('1');
    await page.locator('#add-k').selectOption('2');
    await press(page, page.getByRole('button', { name: 'Lägg till risken' }), 'risks-award-added');
    await go(page, `/cases/${caseId}`, 'case-before-award');
    await settle(page, 'award_decided');
    await go(page, `/cases/${caseId}/tenders`, 'tendering-award');
    await page.locator('#award-tender').selectOption({ index: 0 });
    await page.locator('#award-notice').selectOption('electronic');
    await page.locator('#award-rationale').fill('Det enda anbudet, och det uppfyller alla ska-krav.');
    text = await press(page, page.getByRole('button', { name: 'Fatta tilldelningsbeslutet' }), 'tendering-awarded');
    assert.match(text, /Kontraktet tilldelas Omsorgsdata AB/);
    assert.match(text, /Avtalsspärren varar till/);
  });

  await step('after the standstill she makes the contract, signs it and approves the delivery', async () => {
    await restartLater(14);
    await signIn(page, 'anna');
    await go(page, `/cases/${caseId}/contract/new`, 'contract-new', { screenshot: true });
    await page.locator('#c-supplier').selectOption({ label: 'Omsorgsdata AB' });
    await page.locator('#c-title').fill('Trygghetslarm 2027–2030');
    await page.locator('#c-starts').fill(dateIn(14));
    await page.locator('#c-ends').fill(dateIn(14 + 3 * 365));
    let text = await press(page, page.getByRole('button', { name: 'Upprätta avtalet' }), 'contract', { screenshot: true });
    contractPath = new URL(page.url()).pathname;
    assert.match(text, /Omsorgsdata AB/);
    await decide(page, caseId, 'contract_signed', 'Avtalet är undertecknat av båda parter.');

    await go(page, contractPath, 'contract-delivery');
    // The acceptance test covered every measure: one check records it for them all.
    const many = page.locator('#delivery_all');
    await many.locator('summary').click();
    const ticked = await many.getByRole('checkbox', { checked: true }).count();
    assert.ok(ticked > 0, 'every measure of the contract waits for its delivery check, ticked');
    await many.locator('select[name=state]').selectOption('verified');
    await many.locator('textarea[name=evidence]').fill('Acceptanstest godkänt, protokoll KS 2026/1234-17.');
    await press(page, many.getByRole('button', { name: 'Registrera kontrollen för de valda' }), 'contract-delivery-checked');
    text = await seen(page);
    assert.match(text, /Alla ska-krav är verifierade/);
    text = await decide(page, caseId, 'delivery_approved', 'Leveransen motsvarar avtalet.');
    assert.match(text, /Leverans godkänd\tGodkänt/);
  });

  await step('she plans a quarterly follow-up and a quarter later records it with a deviation', async () => {
    await go(page, contractPath, 'contract-plan');
    const measure = page.locator('article.measure').first();
    const plan = measure.locator('details[id^="plan-"]');
    await plan.locator('summary').click();
    await plan.locator('select[name=responsibility]').selectOption('supplier');
    await plan.locator('select[name=lead]').selectOption('supplier');
    await plan.locator('select[name=frequency]').selectOption('quarterly');
    await plan.locator('select[name=owner_user_id]').selectOption({ label: 'anna' });
    await press(page, plan.getByRole('button', { name: 'Spara' }), 'contract-planned');

    await restartLater(14 + 100);
    await signIn(page, 'anna');
    let text = await go(page, '/follow-ups', 'follow-ups', { screenshot: true });
    assert.match(text, /Trygghetslarm 2027–2030/);
    await go(page, contractPath, 'contract-due');
    const record = page.locator('article.measure').first().locator('details[id^="record-"]');
    await record.locator('summary').click();
    await record.locator('select[name=due_on]').selectOption({ index: 1 });
    await record.locator('select[name=result]').selectOption('not_met');
    await record.locator('textarea[name=notes]').fill('Loggarna för kvartalet saknades.');
    await record.locator('textarea[name=action_plan]').fill('Leverantören slår på loggning och visar den vid nästa möte.');
    await record.locator('input[name=deadline]').fill(dateIn(14 + 130));
    await record.locator('select[name=owner_user_id]').selectOption({ label: 'anna' });
    text = await press(page, record.getByRole('button', { name: 'Registrera uppföljning' }), 'contract-deviation', { screenshot: true });
    assert.match(text, /Inte uppfyllt/);
    assert.match(text, /Öppen avvikelse/);
    // The deviation she owns waits on her start page until it is closed.
    text = await go(page, '/todo', 'todo-follow-up', { screenshot: true });
    assert.match(text, /En avvikelse i avtalet ”Trygghetslarm 2027–2030” ska vara åtgärdad senast/);
  });

  await step('she decides the exit, gets the information back and closes the relationship', async () => {
    await decide(page, caseId, 'exit_decided', 'Avtalet löper ut och tjänsten ska inte förlängas.');
    await go(page, contractPath, 'contract-exit');
    const planForm = page.locator('#exit_plan');
    await planForm.locator('summary').click();
    await planForm.locator('#ex-formats').fill('CSV och PDF/A');
    await press(page, planForm.getByRole('button', { name: 'Spara' }), 'contract-exit-plan');
    for (const check of await page.locator('details[id^="exit_check-"]').evaluateAll((ds) => ds.map((d) => d.id))) {
      const form = page.locator(`#${check}`);
      await form.locator('summary').click();
      await form.locator('select[name=state]').selectOption('done');
      await form.locator('textarea[name=evidence]').fill('Intyg från leverantören, diarienummer KS 2027/88.');
      await press(page, form.getByRole('button', { name: 'Spara' }), 'contract-exit-check');
    }
    let text = await seen(page);
    assert.match(text, /Avvecklingen är klar|klar/);
    text = await decide(page, caseId, 'relationship_closed', 'Informationen är återlämnad och inget finns kvar hos leverantören.');
    assert.match(text, /Leverantörsrelationen avslutad\tGodkänt/);
    await go(page, '/cases', 'cases', { screenshot: true });
    await go(page, '/contracts', 'contracts', { screenshot: true });
  });

  await step('the administrator sees the people, the audit log, the organisation and the catalogues', async () => {
    service.addUser('greta', ORG, ['admin']);
    const admin = await personIn(browser, service);
    const ap = admin.page;
    await signIn(ap, 'greta');
    let text = await go(ap, '/admin/users', 'admin-users', { screenshot: true });
    assert.match(text, /anna/);
    text = await go(ap, '/admin/audit', 'admin-audit', { screenshot: true });
    assert.match(text, /Händelselogg/);
    await go(ap, '/admin/organisation', 'admin-organisation', { screenshot: true });
    text = await go(ap, '/admin/catalogues', 'admin-catalogues', { screenshot: true });
    assert.match(text, /Kravkataloger och regler/);
    text = await go(ap, '/account', 'account', { screenshot: true });
    assert.match(text, /Mitt konto/);
    await admin.context.close();
  });

  await step('she looks a word up in the glossary from the page footer', async () => {
    await go(page, '/cases', 'cases-again');
    const text = await press(page, page.getByRole('contentinfo').getByRole('link', { name: 'Begrepp' }), 'glossary',
      { screenshot: true });
    assert.match(text, /Avropa/);
    assert.match(text, /Avtalsspärr/);
  });

  await step('she reads her start page and the closed case in English, and switches back', async () => {
    await go(page, '/todo', 'todo-done');
    let text = await press(page, page.getByRole('link', { name: 'In English' }), 'todo-english', { screenshot: true });
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match(text, /Nothing waits for you right now\./, 'with the relationship closed, nothing of it waits');
    text = await go(page, `/cases/${caseId}`, 'case-english', { screenshot: true });
    assert.match(text, /What happens now\?/);
    assert.match(text, /The case is closed\. Nothing waits\./);
    await press(page, page.getByRole('link', { name: 'På svenska' }), 'case-swedish-again');
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
  });
});

test('every page the journeys visited meets WCAG 2.1 A and AA (axe-core)', () => {
  checker.write(join(SCREENSHOT_DIR, 'axe.json'));
  console.log(`axe-core: ${checker.views} page views, ${checker.pages.length} distinct pages checked, ${checker.violations.length} violations`);
  assert.equal(checker.violations.length, 0, checker.report());
});
