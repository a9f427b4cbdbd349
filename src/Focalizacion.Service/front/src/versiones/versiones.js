// The version pages' diagrams (bpmn-js's read-only viewer, its bpmn.io watermark visible as its
// licence requires). Comparar: two versions coloured by bpmn-js-differ and by the engine's own
// comparison, which the page gives in data- attributes (the differ does not see a timer's rule, held
// inside its event definition). Mapa: counts as overlays, a click on a node shows the regions waiting
// there. No inline script: the CSP forbids it.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { diff } from 'bpmn-js-differ';
import { placeBadge } from '../comun/insignia.js';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

const ids = (text) => (text || '').split(' ').filter(Boolean);

async function load(container) {
  const answer = await fetch(container.dataset.xml, { credentials: 'same-origin', headers: { Accept: 'application/xml' } });
  if (!answer.ok) {
    throw new Error('no se pudo leer el diagrama (' + answer.status + ')');
  }
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(await answer.text());
  viewer.get('canvas').zoom('fit-viewport');
  return viewer;
}

/** The boxes of the badges placed in each diagram, so a new one covers none of them. */
const badges = new WeakMap();

/** Marks an element with a class and a text badge (where it covers no other element), so the state is not told by colour alone. */
function mark(viewer, id, kind, text) {
  const element = viewer.get('elementRegistry').get(id);
  if (!element) {
    return false;
  }
  viewer.get('canvas').addMarker(id, 'foc-' + kind);
  const badge = document.createElement('span');
  badge.className = 'foc-insignia foc-insignia--' + kind;
  badge.textContent = text;
  if (!badges.has(viewer)) {
    badges.set(viewer, []);
  }
  placeBadge(viewer, element, badge, badges.get(viewer));
  return true;
}

async function compare(root) {
  const status = root.querySelector('[data-comparar-estado]');
  try {
    const before = await load(root.querySelector('[data-lado="antes"]'));
    const after = await load(root.querySelector('[data-lado="despues"]'));
    const changes = diff(before.getDefinitions(), after.getDefinitions());
    const added = new Set([...Object.keys(changes._added), ...ids(root.dataset.agregados)]);
    const removed = new Set([...Object.keys(changes._removed), ...ids(root.dataset.quitados)]);
    const changed = new Set([...Object.keys(changes._changed), ...ids(root.dataset.cambiados)]);
    let shown = 0;
    added.forEach((id) => { shown += mark(after, id, 'agregado', 'agregado') ? 1 : 0; });
    removed.forEach((id) => { shown += mark(before, id, 'quitado', 'quitado') ? 1 : 0; });
    changed.forEach((id) => {
      if (!added.has(id) && !removed.has(id)) {
        mark(before, id, 'cambiado', 'cambiado');
        shown += mark(after, id, 'cambiado', 'cambiado') ? 1 : 0;
      }
    });
    focus(before, [...removed, ...changed]);
    focus(after, [...added, ...changed]);
    status.textContent = shown ? 'Marcados en los diagramas: ' + shown + ' elemento(s) que cambian.' : 'Los diagramas no tienen elementos que cambien.';
  } catch (error) {
    status.textContent = 'No se pudieron mostrar los diagramas: ' + error.message;
  }
}

/** Zooms onto the marked elements (with room around them), so a change in a large diagram is seen at once. */
function focus(viewer, marked) {
  const registry = viewer.get('elementRegistry');
  const shapes = marked.map((id) => registry.get(id)).filter((e) => e && e.width !== undefined);
  if (!shapes.length) {
    return;
  }
  const left = Math.min(...shapes.map((e) => e.x));
  const top = Math.min(...shapes.map((e) => e.y));
  const right = Math.max(...shapes.map((e) => e.x + e.width));
  const bottom = Math.max(...shapes.map((e) => e.y + e.height));
  const margin = 250;
  viewer.get('canvas').viewbox({ x: left - margin, y: top - margin, width: right - left + 2 * margin, height: bottom - top + 2 * margin });
}

const counts = (text) => new Map(ids(text).map((pair) => {
  const cut = pair.lastIndexOf('=');
  return [pair.slice(0, cut), Number(pair.slice(cut + 1))];
}));

async function map(container) {
  const status = document.querySelector('[data-mapa-estado]');
  const sections = [...document.querySelectorAll('[data-mapa-detalle] [data-nodo]')];
  try {
    const viewer = await load(container);
    const waiting = counts(container.dataset.esperan);
    waiting.forEach((n, id) => mark(viewer, id, 'esperan', n + (n === 1 ? ' espera' : ' esperan')));
    counts(container.dataset.pasaron).forEach((n, id) => mark(viewer, id, 'pasaron', n + (n === 1 ? ' pasó' : ' pasaron')));
    // Until a node is chosen, its regions are hidden; a click on a node with waiting instances shows them.
    sections.forEach((s) => { s.hidden = true; });
    viewer.get('eventBus').on('element.click', (event) => {
      const id = event.element.id;
      if (!waiting.has(id)) {
        return;
      }
      sections.forEach((s) => { s.hidden = s.dataset.nodo !== id; });
      const chosen = sections.find((s) => s.dataset.nodo === id);
      chosen?.querySelector('h3')?.focus();
    });
    status.textContent = waiting.size
      ? 'Instancias que esperan en ' + waiting.size + ' nodo(s). Haga clic en uno para ver sus regiones.'
      : 'Ninguna instancia espera en esta versión.';
  } catch (error) {
    status.textContent = 'No se pudo mostrar el diagrama: ' + error.message;
  }
}

document.querySelectorAll('[data-comparar]').forEach(compare);
document.querySelectorAll('[data-mapa]').forEach(map);
