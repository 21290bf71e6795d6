// Progressive enhancement, our own few lines: a form that removes or ends something carries its
// question in data-confirm, and the browser asks it before the form is sent. Without JavaScript
// the forms work as they are.
document.addEventListener('submit', (event) => {
  const question = event.target.dataset ? event.target.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});
