// The designer's calls to the service: same-origin, with the session cookie and, for a POST, the
// session's antiforgery token in X-CSRF-TOKEN (read once from GET /api/v1/sesion); answers read as
// JSON (application/problem+json included) so the page shows the server's Spanish message.
let token = null;

async function antifalsificacion() {
  if (!token) {
    token = leerJson('/api/v1/sesion').then((s) => s.antifalsificacion).catch((error) => { token = null; throw error; });
  }
  return token;
}

async function enviar(url, tipo, cuerpo) {
  const r = await fetch(url, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': tipo, Accept: 'application/json', 'X-CSRF-TOKEN': await antifalsificacion() },
    body: cuerpo,
  });
  return { ok: r.ok, estado: r.status, datos: await leer(r) };
}

export function enviarJson(url, cuerpo) { return enviar(url, 'application/json', JSON.stringify(cuerpo)); }

export function enviarXml(url, xml) { return enviar(url, 'application/xml', xml); }

export async function leerJson(url) {
  const r = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error('el servidor respondió ' + r.status);
  return r.json();
}

async function leer(r) {
  const texto = await r.text();
  try { return texto ? JSON.parse(texto) : {}; } catch { return { detail: texto.slice(0, 300) }; }
}
