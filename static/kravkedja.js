// Progressive enhancement, our own few lines. Without JavaScript every form and filter works as
// it is (a page load each); with it:
// - a form that removes or ends something asks its question (data-confirm) first;
// - a form marked data-inplace is sent in the background, and the page the server answers with
//   replaces only the part the form belongs to (the element named by data-inplace, or the
//   form's closest element with an id) and the parts marked data-refresh, so a long list keeps
//   its place; the result is announced to screen readers and the focus stays at the item;
// - a form marked data-working (an upload, an import) says it is working until the answer comes;
// - a button marked data-copy (hidden until this script shows it) copies the table it names, as a
//   table for editors that take one and as tab-separated text for those that take plain text;
// - a search field marked data-filter hides, as one types, the list items (in the element it
//   names) whose data-search text does not hold every word typed.
(() => {
  const live = () => document.getElementById('kk-live');
  const announce = (text) => {
    const region = live();
    if (!region) return;
    region.textContent = '';
    // A new text in a fresh task is read even when it equals the last one.
    window.setTimeout(() => { region.textContent = text; }, 50);
  };

  document.addEventListener('submit', (event) => {
    const question = event.target.dataset ? event.target.dataset.confirm : undefined;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (event.defaultPrevented || !form.matches || !form.matches('form[data-inplace]')) return;
    if (!window.fetch || !window.DOMParser || !window.FormData) return;
    const item = form.closest('[id]');
    const region = form.dataset.inplace ? document.getElementById(form.dataset.inplace) : item;
    if (!region || !item) return;
    event.preventDefault();
    const button = event.submitter;
    if (button) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    let response;
    let html;
    try {
      const body = new URLSearchParams(new FormData(form));
      if (button && button.name) body.append(button.name, button.value);
      // The attribute, not form.action: a field named "action" would stand in its place.
      response = await fetch(form.getAttribute('action') || window.location.href, { method: 'POST', body,
        credentials: 'same-origin' });
      html = await response.text();
    } catch (failure) {
      // The network failed: send it the ordinary way, so the person sees what the browser says.
      form.removeAttribute('aria-busy');
      if (button) button.disabled = false;
      form.removeAttribute('data-inplace');
      form.submit();
      return;
    }
    const next = new DOMParser().parseFromString(html, 'text/html');
    const fresh = next.getElementById(region.id);
    if (!fresh) {
      // The answer is another page (signed out, an error page): show it as the browser would.
      if (response.redirected) window.location.assign(response.url);
      else document.documentElement.replaceWith(document.adoptNode(next.documentElement));
      return;
    }
    region.replaceWith(fresh);
    for (const old of document.querySelectorAll('[data-refresh][id]')) {
      const replacement = next.getElementById(old.id);
      if (replacement) old.replaceWith(replacement);
    }
    document.title = next.title;
    const target = document.getElementById(item.id) || fresh;
    const problem = target.querySelector('.error-summary, .field-error');
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    announce(problem ? problem.textContent.trim() : (live() ? live().dataset.saved : ''));
    document.documentElement.dataset.updates = String(Number(document.documentElement.dataset.updates || 0) + 1);
  });

  // A form that may take a while (an upload, an import) says that it is working until the next
  // page comes, and cannot be sent twice.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (event.defaultPrevented || !form.dataset || !form.dataset.working) return;
    form.setAttribute('aria-busy', 'true');
    const note = document.createElement('p');
    note.className = 'working';
    note.setAttribute('role', 'status');
    note.textContent = form.dataset.working;
    form.append(note);
    // Disabled only after this event, so that the button's own value is still sent.
    const buttons = form.querySelectorAll('button');
    window.setTimeout(() => buttons.forEach((b) => { b.disabled = true; }), 0);
  });

  const words = (text) => text.toLocaleLowerCase('sv').split(/\s+/).filter((w) => w.length > 0);
  const filter = (field) => {
    const scope = document.querySelector(field.dataset.filter);
    if (!scope) return;
    const wanted = words(field.value);
    let shown = 0;
    const items = scope.querySelectorAll('[data-search]');
    for (const item of items) {
      const text = item.dataset.search.toLocaleLowerCase('sv');
      const match = wanted.every((w) => text.includes(w));
      item.hidden = !match;
      if (match) shown += 1;
    }
    // A heading with nothing shown under it is hidden with its list.
    for (const group of scope.querySelectorAll('[data-group]')) {
      group.hidden = group.querySelector('[data-search]:not([hidden])') === null;
    }
    const count = document.getElementById(field.getAttribute('aria-describedby') || '');
    if (count && count.dataset.template) {
      count.textContent = count.dataset.template.replace('{shown}', shown).replace('{total}', items.length);
    }
  };
  document.addEventListener('input', (event) => {
    if (event.target.dataset && event.target.dataset.filter) filter(event.target);
  });
  // The filter's button sends the form without JavaScript; with it, typing is enough.
  document.addEventListener('submit', (event) => {
    const field = event.target.querySelector ? event.target.querySelector('[data-filter]') : null;
    // A list the server already filtered holds only what matched: a new search asks the server.
    if (!field || event.defaultPrevented || event.target.hasAttribute('data-server-filtered')) return;
    event.preventDefault();
    filter(field);
  });

  // Copying a table for a tender platform's editor.
  const copyButtons = document.querySelectorAll('button[data-copy]');
  for (const button of copyButtons) button.hidden = false;
  document.addEventListener('click', async (event) => {
    const button = event.target.closest ? event.target.closest('button[data-copy]') : null;
    if (!button) return;
    const table = document.getElementById(button.dataset.copy);
    if (!table) return;
    const rows = [...table.rows].map((row) => [...row.cells].map((cell) => cell.innerText.replace(/\s+/g, ' ').trim()));
    const text = rows.map((cells) => cells.join('\t')).join('\n');
    const html = '<table>' + table.tHead.outerHTML + table.tBodies[0].outerHTML + '</table>';
    try {
      if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
        await navigator.clipboard.write([new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        })]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      announce(document.documentElement.lang === 'en' ? 'Copied.' : 'Kopierat.');
      document.documentElement.dataset.copied = String(rows.length - 1);
    } catch (error) {
      // Without clipboard access (an old browser, no permission) the table is selected to copy by hand.
      const range = document.createRange();
      range.selectNode(table);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      announce(document.documentElement.lang === 'en' ? 'The table is selected: copy it with Ctrl+C.'
        : 'Tabellen är markerad: kopiera den med Ctrl+C.');
    }
  });
})();
