// The template editor's live preview: after a pause in typing, the form is sent to the page's
// Vista handler (with its antiforgery token) and the preview is replaced by the server's rendering.
// Without JavaScript, the "Vista previa" button does the same with a full page.
const form = document.querySelector('form[data-plantilla]');
const preview = document.getElementById('vista-previa');
let timer;
let sequence = 0;

async function refresh() {
  const mine = ++sequence;
  const data = new FormData(form);
  data.set('fragmento', 'true');
  const url = new URL(form.action, window.location.href);
  url.searchParams.set('handler', 'Vista');
  try {
    const answer = await fetch(url, { method: 'POST', body: data, credentials: 'same-origin' });
    if (mine === sequence && answer.ok) {
      preview.innerHTML = await answer.text();
    }
  } catch {
    // The button still works; nothing to do here.
  }
}

if (form && preview) {
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
}
